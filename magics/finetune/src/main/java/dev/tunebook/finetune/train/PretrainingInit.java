package dev.tunebook.finetune.train;

import ai.djl.Device;
import dev.tunebook.finetune.io.AtomicFile;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LlamaShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a pretraining run from the weights of a saved model (continued pretraining) instead of
 * random ones: a Hugging Face folder of a Llama model whose shape the run takes.
 */
final class PretrainingInit {
    /** The starting model's card, kept beside the checkpoints for the new card. */
    static final String EARLIER_CARD = "init-README.md";

    private PretrainingInit() {}

    /**
     * Copies the starting model's tokenizer files into {@code tokenizerFolder} and its card into
     * {@code checkpoints}, unless an earlier session of the run already did: a resumed run keeps
     * them even when the starting folder has since been overwritten by the run's own result.
     *
     * @throws IOException naming a tokenizer file the folder lacks, or when copying fails
     */
    static void keep(Path folder, Path checkpoints, Path tokenizerFolder) throws IOException {
        if (!Files.isRegularFile(tokenizerFolder.resolve("tokenizer.json"))) {
            Files.createDirectories(tokenizerFolder);
            for (String name : PretrainedModelFolder.TOKENIZER_FILES) {
                Path source = folder.resolve(name);
                if (!Files.isRegularFile(source)) {
                    throw new IOException(source + ": no such file (--init needs the tokenizer)");
                }
                AtomicFile.write(tokenizerFolder.resolve(name), Files.readAllBytes(source));
            }
            Path card = folder.resolve("README.md");
            if (Files.isRegularFile(card)) {
                AtomicFile.write(checkpoints.resolve(EARLIER_CARD), Files.readAllBytes(card));
            }
        }
    }

    /**
     * Returns the sections of an earlier model card from its training data to its evaluation, each
     * heading one level down, or "" when there is no card.
     */
    static String earlierTraining(Path checkpoints) throws IOException {
        Path card = checkpoints.resolve(EARLIER_CARD);
        if (!Files.isRegularFile(card)) {
            return "";
        }
        String text = Files.readString(card);
        int start = text.indexOf("## Training data");
        if (start < 0) {
            return "";
        }
        int end = text.indexOf("\n## Samples", start);
        String sections = text.substring(start, end < 0 ? text.length() : end + 1).strip();
        return sections.replaceAll("(?m)^(#+) ", "$1# ") + "\n";
    }

    /**
     * Returns the model in {@code folder}, checked to have {@code shape}.
     *
     * @throws IllegalArgumentException when the folder holds another kind or shape of model
     * @throws IOException when it cannot be read
     */
    static CausalLanguageModel load(Path folder, LlamaShape shape, Device device)
            throws IOException {
        LanguageModel loaded = LanguageModel.load(folder, device);
        LlamaShape found = null;
        try {
            if (loaded instanceof CausalLanguageModel causal) {
                found = LlamaShape.of(causal.config(), folder.resolve("config.json"));
                if (found.equals(shape)) {
                    return causal;
                }
            }
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
        loaded.close();
        throw new IllegalArgumentException(
                folder
                        + " holds "
                        + (found == null ? "a " + loaded.getClass().getSimpleName() : found)
                        + ", not the Llama model of shape "
                        + shape
                        + " that this run trains");
    }
}
