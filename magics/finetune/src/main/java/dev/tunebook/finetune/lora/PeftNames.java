package dev.tunebook.finetune.lora;

/**
 * Maps parameter names between this library and PEFT. A LoRA parameter {@code
 * model.layers.0.self_attn.q_proj.lora_A.weight} is saved by PEFT as {@code
 * base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight} and named {@code
 * base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.weight} inside a live {@code
 * PeftModel} (the adapter name {@code default} after {@code lora_A}, {@code lora_B} or {@code
 * modules_to_save}).
 */
public final class PeftNames {
    /** The prefix PEFT puts before every name of the wrapped model. */
    public static final String PREFIX = "base_model.model.";

    /** The adapter name PEFT uses when none is given. */
    public static final String DEFAULT_ADAPTER = "default";

    private static final String[] ADAPTER_SCOPES = {".lora_A.", ".lora_B.", ".modules_to_save."};

    private PeftNames() {}

    /** Returns the key of a parameter in {@code adapter_model.safetensors}. */
    public static String adapterKey(String modelName) {
        return PREFIX + modelName;
    }

    /** Returns the name of a parameter in a live {@code PeftModel} with the given adapter. */
    public static String runtimeName(String modelName, String adapter) {
        String name = modelName;
        for (String scope : ADAPTER_SCOPES) {
            name = name.replace(scope, scope + adapter + ".");
        }
        return PREFIX + name;
    }

    /**
     * Returns the name of this library's parameter for a PEFT key in either form (saved or live
     * with adapter {@code default}).
     */
    public static String modelName(String peftName) {
        String name = peftName.startsWith(PREFIX) ? peftName.substring(PREFIX.length()) : peftName;
        for (String scope : ADAPTER_SCOPES) {
            name = name.replace(scope + DEFAULT_ADAPTER + ".", scope);
        }
        return name;
    }
}
