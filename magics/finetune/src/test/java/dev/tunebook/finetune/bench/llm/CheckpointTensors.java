package dev.tunebook.finetune.bench.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensor names and shapes of a Llama-family checkpoint ({@code llama}, {@code qwen2}, {@code
 * mistral}) as transformers saves it, worked out from {@code config.json} alone, independently of
 * tunebook's model classes, so that loading a generated folder tests the loader's naming too: no
 * {@code lm_head.weight} when the embeddings are tied, q/k/v biases for Qwen2.
 */
final class CheckpointTensors {
    private CheckpointTensors() {}

    /** Returns shape by name, in the order transformers' state dict lists them. */
    static Map<String, long[]> of(JsonNode config) {
        long vocab = config.path("vocab_size").asLong();
        long hidden = config.path("hidden_size").asLong();
        long heads = config.path("num_attention_heads").asLong();
        long kv = config.path("num_key_value_heads").asLong(heads);
        long headDim = config.path("head_dim").asLong(hidden / heads);
        long inter = config.path("intermediate_size").asLong();
        boolean bias =
                config.path("model_type").asText().equals("qwen2")
                        || config.path("attention_bias").asBoolean(false);
        Map<String, long[]> tensors = new LinkedHashMap<>();
        tensors.put("model.embed_tokens.weight", new long[] {vocab, hidden});
        for (int i = 0; i < config.path("num_hidden_layers").asInt(); i++) {
            String p = "model.layers." + i + ".";
            tensors.put(p + "self_attn.q_proj.weight", new long[] {heads * headDim, hidden});
            tensors.put(p + "self_attn.k_proj.weight", new long[] {kv * headDim, hidden});
            tensors.put(p + "self_attn.v_proj.weight", new long[] {kv * headDim, hidden});
            if (bias) {
                tensors.put(p + "self_attn.q_proj.bias", new long[] {heads * headDim});
                tensors.put(p + "self_attn.k_proj.bias", new long[] {kv * headDim});
                tensors.put(p + "self_attn.v_proj.bias", new long[] {kv * headDim});
            }
            tensors.put(p + "self_attn.o_proj.weight", new long[] {hidden, heads * headDim});
            tensors.put(p + "mlp.gate_proj.weight", new long[] {inter, hidden});
            tensors.put(p + "mlp.up_proj.weight", new long[] {inter, hidden});
            tensors.put(p + "mlp.down_proj.weight", new long[] {hidden, inter});
            tensors.put(p + "input_layernorm.weight", new long[] {hidden});
            tensors.put(p + "post_attention_layernorm.weight", new long[] {hidden});
        }
        tensors.put("model.norm.weight", new long[] {hidden});
        if (!config.path("tie_word_embeddings").asBoolean(false)) {
            tensors.put("lm_head.weight", new long[] {vocab, hidden});
        }
        return tensors;
    }

    /** Returns the number of elements of all tensors. */
    static long parameters(Map<String, long[]> tensors) {
        long total = 0;
        for (long[] shape : tensors.values()) {
            long size = 1;
            for (long d : shape) {
                size *= d;
            }
            total += size;
        }
        return total;
    }
}
