package dev.tunebook.finetune.lora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps LoRA target module names from one architecture to another by the part of the attention block
 * they name: BERT's {@code query}, {@code key}, {@code value}; Llama's, Qwen2's and Mistral's
 * {@code q_proj}, {@code k_proj}, {@code v_proj}, {@code o_proj} and MLP projections; GPT-2's fused
 * {@code c_attn} (query, key and value in one) and {@code c_fc}. A name whose part the other
 * architecture has no module for is an error that says so.
 */
public final class TargetNames {
    private static final Map<String, Map<String, String>> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("bert", Map.of("query", "q", "key", "k", "value", "v"));
        FAMILIES.put(
                "llama",
                Map.of(
                        "q_proj",
                        "q",
                        "k_proj",
                        "k",
                        "v_proj",
                        "v",
                        "o_proj",
                        "o",
                        "gate_proj",
                        "gate",
                        "up_proj",
                        "up",
                        "down_proj",
                        "down"));
        FAMILIES.put("gpt2", Map.of("c_attn", "qkv", "c_fc", "up"));
    }

    private static final Map<String, String> PARTS =
            Map.of(
                    "q", "attention query",
                    "k", "attention key",
                    "v", "attention value",
                    "qkv", "fused attention query/key/value",
                    "o", "attention output",
                    "gate", "MLP gate",
                    "up", "MLP up-projection",
                    "down", "MLP down-projection");

    private TargetNames() {}

    /** Returns the family whose module names a model type uses, or null if none is known. */
    static String family(String modelType) {
        String type = modelType == null ? "" : modelType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "bert", "roberta", "xlm-roberta", "distilbert", "electra" -> "bert";
            case "llama", "qwen2", "qwen3", "mistral" -> "llama";
            case "gpt2" -> "gpt2";
            default -> null;
        };
    }

    /**
     * Returns {@code targets} named as a model of type {@code modelType} names the same parts, in
     * order and without repeats ({@code query,value} → {@code q_proj,v_proj} for Llama, {@code
     * c_attn} for GPT-2). Names already of that architecture stay as they are.
     *
     * @throws IllegalArgumentException naming the target and its part when the architecture has no
     *     module for it, a target no known architecture uses, or a model type with no known names
     */
    public static List<String> map(List<String> targets, String modelType) {
        String family = family(modelType);
        if (family == null) {
            throw new IllegalArgumentException(
                    "no LoRA target names are known for model type '"
                            + modelType
                            + "' (known: BERT, Llama/Qwen2/Mistral, GPT-2): give targets=NAME,...");
        }
        Map<String, String> names = FAMILIES.get(family);
        Set<String> out = new LinkedHashSet<>();
        for (String target : targets) {
            if (names.containsKey(target)) {
                out.add(target);
                continue;
            }
            String part = part(target);
            List<String> mapped = new ArrayList<>();
            names.forEach(
                    (name, p) -> {
                        if (p.equals(part) || covers(p, part) || covers(part, p)) {
                            mapped.add(name);
                        }
                    });
            if (mapped.isEmpty()) {
                throw new IllegalArgumentException(
                        "LoRA target "
                                + target
                                + " ("
                                + PARTS.get(part)
                                + ") has no counterpart in "
                                + modelType
                                + ", whose targets are "
                                + names.keySet().stream().sorted().toList()
                                + ": give targets=NAME,...");
            }
            mapped.sort(null);
            out.addAll(ordered(mapped, names));
        }
        return List.copyOf(out);
    }

    /** Returns the part {@code target} names in whichever architecture uses it. */
    private static String part(String target) {
        for (Map<String, String> names : FAMILIES.values()) {
            if (names.containsKey(target)) {
                return names.get(target);
            }
        }
        throw new IllegalArgumentException(
                "LoRA target "
                        + target
                        + " is no module name of a known architecture (BERT query/key/value,"
                        + " Llama q_proj/k_proj/v_proj/o_proj/gate_proj/up_proj/down_proj, GPT-2"
                        + " c_attn/c_fc): give targets=NAME,...");
    }

    /** Returns whether the fused part {@code whole} contains {@code piece}. */
    private static boolean covers(String whole, String piece) {
        return whole.equals("qkv") && List.of("q", "k", "v").contains(piece);
    }

    private static List<String> ordered(List<String> mapped, Map<String, String> names) {
        List<String> order = List.of("q", "k", "v", "qkv", "o", "gate", "up", "down");
        List<String> out = new ArrayList<>(mapped);
        out.sort((a, b) -> order.indexOf(names.get(a)) - order.indexOf(names.get(b)));
        return out;
    }
}
