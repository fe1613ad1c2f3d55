package dev.tunebook.finetune.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.io.AtomicFile;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.weights.DType;
import dev.tunebook.finetune.weights.ModelConfig;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a pretrained model as a Hugging Face folder that transformers and tunebook load: {@code
 * config.json} ({@code LlamaForCausalLM}), {@code model.safetensors} in BF16 (the tied head not
 * written), {@code generation_config.json} (greedy, stopping at the end-of-text and end-of-turn
 * tokens), the tokenizer's {@code tokenizer.json} and {@code tokenizer_config.json}, and {@code
 * README.md} as the model card. Each file is written atomically.
 */
public final class PretrainedModelFolder {
    static final String[] TOKENIZER_FILES = {"tokenizer.json", "tokenizer_config.json"};
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PretrainedModelFolder() {}

    /**
     * Writes the model of {@code run} with the tokenizer files of {@code tokenizerFolder} and the
     * model card {@code readme} into {@code folder}.
     *
     * @throws IllegalStateException when the run did not complete
     * @throws IOException when a tokenizer file is missing or a file cannot be written
     */
    public static void write(Path folder, PretrainingRun run, Path tokenizerFolder, String readme)
            throws IOException {
        if (!run.completed()) {
            throw new IllegalStateException(
                    "the run is " + run.status() + " at step " + run.steps() + "; resume it first");
        }
        Files.createDirectories(folder);
        CausalLanguageModel model = run.model();
        SafetensorsWriter weights = new SafetensorsWriter().optFloatType(DType.BF16);
        model.weights().forEach(weights::add);
        weights.write(folder.resolve("model.safetensors"));
        model.config().write(folder);
        AtomicFile.write(
                folder.resolve("generation_config.json"),
                JSON.writeValueAsBytes(generationConfig(model.config())));
        for (String name : TOKENIZER_FILES) {
            Path source = tokenizerFolder.resolve(name);
            if (!Files.isRegularFile(source)) {
                throw new IOException(source + ": no such file (the tokenizer folder needs it)");
            }
            AtomicFile.write(folder.resolve(name), Files.readAllBytes(source));
        }
        AtomicFile.writeString(folder.resolve("README.md"), readme);
    }

    private static ObjectNode generationConfig(ModelConfig config) {
        ObjectNode root = JSON.createObjectNode();
        root.put("do_sample", false);
        var eos = root.putArray("eos_token_id");
        config.eosTokenIds().forEach(eos::add);
        config.padTokenId().ifPresent(id -> root.put("pad_token_id", id));
        root.put("max_new_tokens", 128);
        return root;
    }
}
