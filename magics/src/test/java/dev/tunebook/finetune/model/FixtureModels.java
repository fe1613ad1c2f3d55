package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Throwaway config mapping for tests until models-io's ModelConfig is merged. */
final class FixtureModels {
    private FixtureModels() {}

    static LanguageModel load(Path folder, NDManager manager) throws IOException {
        JsonNode c = new ObjectMapper().readTree(folder.resolve("config.json").toFile());
        String type = c.get("model_type").asText();
        LanguageModel model;
        if (type.equals("gpt2")) {
            long hidden = c.get("n_embd").asLong();
            model =
                    new Gpt2Model(
                            manager,
                            c.get("vocab_size").asLong(),
                            c.get("n_positions").asLong(),
                            hidden,
                            c.get("n_layer").asInt(),
                            c.get("n_head").asLong(),
                            4 * hidden,
                            c.get("layer_norm_epsilon").asDouble(),
                            Activation.fromName(c.get("activation_function").asText()),
                            new long[] {c.get("eos_token_id").asLong()});
        } else if (!type.equals("bert")) {
            JsonNode rope = c.has("rope_parameters") ? c.get("rope_parameters") : c;
            model =
                    LlamaModel.builder()
                            .setVocabSize(c.get("vocab_size").asLong())
                            .setHiddenSize(c.get("hidden_size").asLong())
                            .setLayers(c.get("num_hidden_layers").asInt())
                            .setHeads(c.get("num_attention_heads").asLong())
                            .setIntermediateSize(c.get("intermediate_size").asLong())
                            .optKvHeads(c.path("num_key_value_heads").asLong(0))
                            .optHeadDim(c.path("head_dim").asLong(0))
                            .optEps(c.get("rms_norm_eps").asDouble())
                            .optRopeTheta(rope.get("rope_theta").asDouble())
                            .optTiedHead(c.path("tie_word_embeddings").asBoolean(false))
                            .optAttentionBias(
                                    type.equals("qwen2") || c.path("attention_bias").asBoolean(),
                                    c.path("attention_bias").asBoolean())
                            .optEosTokenIds(
                                    c.path("eos_token_id").isNumber()
                                            ? new long[] {c.get("eos_token_id").asLong()}
                                            : new long[0])
                            .build(manager);
        } else if (type.equals("bert")) {
            model =
                    BertModel.builder()
                            .setVocabSize(c.get("vocab_size").asLong())
                            .setHiddenSize(c.get("hidden_size").asLong())
                            .setLayers(c.get("num_hidden_layers").asInt())
                            .setHeads(c.get("num_attention_heads").asLong())
                            .setIntermediateSize(c.get("intermediate_size").asLong())
                            .optMaxPositions(c.get("max_position_embeddings").asLong())
                            .optTypeVocabSize(c.get("type_vocab_size").asLong())
                            .optEps(c.get("layer_norm_eps").asDouble())
                            .optActivation(Activation.fromName(c.get("hidden_act").asText()))
                            .optClassifier(2)
                            .build(manager);
        } else {
            throw new IllegalArgumentException(type);
        }
        model.loadWeights(Weights.load(folder, manager));
        model.setConfigJson(Files.readString(folder.resolve("config.json")));
        return model;
    }
}
