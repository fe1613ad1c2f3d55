package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.model.Gpt2Model;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.nn.Activation;
import dev.tunebook.finetune.weights.Weights;
import java.io.IOException;
import java.nio.file.Path;

/** Builds a fixture model from its config.json until the model package can load one by folder. */
final class FixtureGpt2 {
    private FixtureGpt2() {}

    static LanguageModel load(Path folder, NDManager manager) throws IOException {
        JsonNode c = new ObjectMapper().readTree(folder.resolve("config.json").toFile());
        String type = c.path("model_type").asText();
        if (!type.equals("gpt2")) {
            throw new IllegalArgumentException(
                    folder + ": optimizer trajectories are implemented for gpt2, not " + type);
        }
        long hidden = c.get("n_embd").asLong();
        long inner = c.path("n_inner").isNumber() ? c.get("n_inner").asLong() : 4 * hidden;
        Gpt2Model model =
                new Gpt2Model(
                        manager,
                        c.get("vocab_size").asLong(),
                        c.get("n_positions").asLong(),
                        hidden,
                        c.get("n_layer").asInt(),
                        c.get("n_head").asLong(),
                        inner,
                        c.get("layer_norm_epsilon").asDouble(),
                        Activation.fromName(c.get("activation_function").asText()),
                        new long[] {c.get("eos_token_id").asLong()},
                        c.path("attn_pdrop").asDouble(0),
                        c.path("resid_pdrop").asDouble(0));
        model.loadWeights(Weights.load(folder, manager));
        return model;
    }
}
