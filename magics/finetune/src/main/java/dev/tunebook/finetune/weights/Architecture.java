package dev.tunebook.finetune.weights;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The model families tunebook implements, by their {@code config.json} {@code model_type}. */
public enum Architecture {
    /** GPT-2: learned positions, pre-LN, Conv1D weights stored {@code [in, out]}. */
    GPT2("gpt2", true),
    /** Llama: RMSNorm, RoPE, SwiGLU, grouped-query attention. */
    LLAMA("llama", true),
    /** Qwen2: Llama with q/k/v biases. */
    QWEN2("qwen2", true),
    /** Mistral: Llama's layout with sliding-window attention. */
    MISTRAL("mistral", true),
    /** BERT and models of its layout such as MiniLM: post-LN encoder with token types. */
    BERT("bert", false);

    private final String modelType;
    private final boolean causal;

    Architecture(String modelType, boolean causal) {
        this.modelType = modelType;
        this.causal = causal;
    }

    /** Returns the {@code model_type} of {@code config.json} for this family. */
    public String modelType() {
        return modelType;
    }

    /** Returns whether the family is a causal (decoder-only) language model. */
    public boolean isCausal() {
        return causal;
    }

    /** Returns whether the family uses rotary position embeddings. */
    public boolean usesRope() {
        return this == LLAMA || this == QWEN2 || this == MISTRAL;
    }

    /** Returns the family with {@code model_type} {@code type}, if supported. */
    public static Optional<Architecture> fromModelType(String type) {
        return Arrays.stream(values()).filter(a -> a.modelType.equals(type)).findFirst();
    }

    /** Returns the supported {@code model_type} values. */
    public static List<String> supportedModelTypes() {
        return Arrays.stream(values()).map(Architecture::modelType).toList();
    }
}
