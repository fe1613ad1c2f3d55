package dev.tunebook.finetune.lora;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.io.AtomicFile;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads and writes PEFT's {@code adapter_config.json} for a {@link LoraConfig}. */
final class AdapterConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prints as Python's {@code json.dumps(indent=2)}, which PEFT uses. */
    private static final DefaultPrettyPrinter PYTHON_STYLE =
            new DefaultPrettyPrinter(
                            Separators.createDefaultInstance()
                                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                                    .withObjectEmptySeparator("")
                                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private static final Set<String> MODELLED =
            Set.of(
                    "peft_type",
                    "r",
                    "lora_alpha",
                    "lora_dropout",
                    "target_modules",
                    "fan_in_fan_out",
                    "use_rslora",
                    "bias",
                    "modules_to_save",
                    "task_type",
                    "base_model_name_or_path");

    private AdapterConfigJson() {}

    static LoraConfig read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new WeightsFormatException(file, "adapter_config.json not found", e);
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WeightsFormatException(file, "expected a JSON object");
        }
        ConfigReader c = new ConfigReader(file, root);
        c.requireUnsupportedAbsent();
        String peftType = c.text("peft_type", "LORA");
        if (!peftType.equals("LORA")) {
            throw new WeightsFormatException(
                    file, "peft_type is " + peftType + "; only LORA adapters are supported");
        }
        String bias = c.text("bias", "none");
        if (!bias.equals("none")) {
            throw new WeightsFormatException(
                    file, "bias is \"" + bias + "\"; only \"none\" is supported");
        }
        LoraConfig.Builder b =
                LoraConfig.builder()
                        .setRank(c.positiveInt("r", 8))
                        .optAlpha(c.number("lora_alpha", 8))
                        .optDropout(c.number("lora_dropout", 0))
                        .optFanInFanOut(c.bool("fan_in_fan_out"))
                        .optRsLora(c.bool("use_rslora"))
                        .optModulesToSave(c.names("modules_to_save"))
                        .optTaskType(c.text("task_type", null))
                        .optBaseModel(c.text("base_model_name_or_path", null))
                        .optExtraFields(extras(root));
        JsonNode targets = root.get("target_modules");
        if (targets != null && targets.isTextual() && !targets.asText().equals("all-linear")) {
            b.setTargetPattern(targets.asText());
        } else {
            List<String> names = c.names("target_modules");
            if (!names.isEmpty()) {
                b.setTargetModules(names);
            }
        }
        return b.build();
    }

    private static Map<String, Object> extras(JsonNode root) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!MODELLED.contains(e.getKey())) {
                extra.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        }
        return extra;
    }

    static void write(LoraConfig config, Path file) throws IOException {
        Map<String, Object> fields = new TreeMap<>(); // PEFT writes keys sorted
        fields.put("inference_mode", true);
        fields.put("init_lora_weights", true);
        fields.put("use_dora", false);
        fields.putAll(config.extraFields());
        fields.put("peft_type", "LORA");
        fields.put("r", config.rank());
        fields.put("lora_alpha", number(config.alpha()));
        fields.put("lora_dropout", config.dropout());
        fields.put("target_modules", targets(config));
        fields.put("fan_in_fan_out", config.fanInFanOut());
        fields.put("use_rslora", config.rsLora());
        fields.put("bias", "none");
        List<String> save = config.modulesToSave();
        fields.put("modules_to_save", save.isEmpty() ? null : new ArrayList<>(save));
        fields.put("task_type", config.taskType());
        fields.put("base_model_name_or_path", config.baseModel());
        AtomicFile.writeString(file, JSON.writer(PYTHON_STYLE).writeValueAsString(fields));
    }

    private static Object targets(LoraConfig config) {
        if (config.targetPattern().isPresent()) {
            return config.targetPattern().get();
        }
        List<String> names = config.targetModules();
        if (names.isEmpty()) {
            return null;
        }
        return names.equals(List.of(LoraConfig.ALL_LINEAR)) ? names.get(0) : names;
    }

    private static Object number(double value) {
        return value == Math.rint(value) ? (Object) (long) value : (Object) value;
    }
}
