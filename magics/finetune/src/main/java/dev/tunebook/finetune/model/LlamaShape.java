package dev.tunebook.finetune.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.weights.Architecture;
import dev.tunebook.finetune.weights.ModelConfig;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * The dimensions of a new Llama model ({@code LlamaForCausalLM}) with tied input and output
 * embeddings, and the {@code config.json} that describes it with transformers' names and defaults
 * (SiLU, RoPE base 10000, RMSNorm epsilon 1e-5, no biases, {@code initializer_range} 0.02).
 *
 * @param vocabSize tokens in the vocabulary
 * @param hiddenSize width of the residual stream
 * @param layers decoder layers
 * @param heads query heads (the head size is {@code hiddenSize / heads})
 * @param kvHeads key/value heads, dividing {@code heads}
 * @param intermediateSize width of the SwiGLU feed-forward layer
 * @param maxPositions the context length ({@code max_position_embeddings})
 */
public record LlamaShape(
        int vocabSize,
        int hiddenSize,
        int layers,
        int heads,
        int kvHeads,
        int intermediateSize,
        int maxPositions) {
    /** The standard deviation of the initial weights, as transformers' Llama config default. */
    public static final double INITIALIZER_RANGE = 0.02;

    /**
     * Checks the dimensions.
     *
     * @throws IllegalArgumentException naming the first one that is not positive or does not fit
     */
    public LlamaShape {
        check("vocab size", vocabSize);
        check("hidden size", hiddenSize);
        check("layers", layers);
        check("heads", heads);
        check("kv heads", kvHeads);
        check("intermediate size", intermediateSize);
        check("max positions", maxPositions);
        if (hiddenSize % heads != 0 || (hiddenSize / heads) % 2 != 0) {
            throw new IllegalArgumentException(
                    "hidden size "
                            + hiddenSize
                            + " must split into "
                            + heads
                            + " even-sized heads");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(
                    "kv heads (" + kvHeads + ") must divide heads (" + heads + ")");
        }
    }

    private static void check(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /**
     * Returns the shape of a Llama-family model's configuration (a model folder's, e.g. to continue
     * pretraining it).
     *
     * @throws IllegalArgumentException naming the file when it is not a Llama model with tied
     *     embeddings, the only kind tunebook pretrains
     */
    public static LlamaShape of(ModelConfig config, Path file) {
        if (config.architecture() != Architecture.LLAMA || !config.tieWordEmbeddings()) {
            throw new IllegalArgumentException(
                    file
                            + ": a "
                            + config.modelType()
                            + (config.tieWordEmbeddings() ? "" : " model without tied embeddings")
                            + ", not the Llama model with tied embeddings that tunebook pretrains");
        }
        return new LlamaShape(
                config.vocabSize(),
                config.hiddenSize(),
                config.numLayers(),
                config.numHeads(),
                config.numKvHeads(),
                config.intermediateSize(),
                config.maxPositions());
    }

    /** Returns the number of parameters (the tied output head counted once). */
    public long parameterCount() {
        long headDim = hiddenSize / heads;
        long attention = 2L * hiddenSize * heads * headDim + 2L * hiddenSize * kvHeads * headDim;
        long mlp = 3L * hiddenSize * intermediateSize;
        long layer = attention + mlp + 2L * hiddenSize;
        return (long) vocabSize * hiddenSize + layers * layer + hiddenSize;
    }

    /**
     * Returns the configuration of this shape.
     *
     * @param eosTokenIds the tokens that end generation
     * @param padTokenId the padding token
     */
    public ModelConfig toConfig(List<Integer> eosTokenIds, int padTokenId) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.putArray("architectures").add("LlamaForCausalLM");
        json.put("model_type", "llama");
        json.put("attention_bias", false);
        json.put("attention_dropout", 0.0);
        json.putNull("bos_token_id");
        var eos = json.putArray("eos_token_id");
        eosTokenIds.forEach(eos::add);
        json.put("head_dim", hiddenSize / heads);
        json.put("hidden_act", "silu");
        json.put("hidden_size", hiddenSize);
        json.put("initializer_range", INITIALIZER_RANGE);
        json.put("intermediate_size", intermediateSize);
        json.put("max_position_embeddings", maxPositions);
        json.put("mlp_bias", false);
        json.put("num_attention_heads", heads);
        json.put("num_hidden_layers", layers);
        json.put("num_key_value_heads", kvHeads);
        json.put("pad_token_id", padTokenId);
        json.put("pretraining_tp", 1);
        json.put("rms_norm_eps", 1e-5);
        json.putNull("rope_scaling");
        json.put("rope_theta", 10000.0);
        json.put("tie_word_embeddings", true);
        json.put("torch_dtype", "bfloat16");
        json.put("use_cache", true);
        json.put("vocab_size", vocabSize);
        try {
            return ModelConfig.parse(json, Path.of("config.json"));
        } catch (WeightsFormatException e) {
            throw new IllegalStateException("a Llama config we wrote does not parse", e);
        }
    }
}
