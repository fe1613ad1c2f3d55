package dev.tunebook.finetune.save;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.lora.LoraConfig;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.ModelConfig;
import dev.tunebook.finetune.weights.ModelWeights;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a folder {@link ModelExport} wrote: a merged model as it is (its head pools as {@code
 * classifier_pooling} says), or a PEFT adapter onto its base ({@code base_model_name_or_path}: a
 * folder, absolute or relative to the adapter folder or the working directory, a tunebook source
 * such as {@code maven:…} or {@code hf:…}, or a hub id) with the head it saves, merged into a plain
 * model; either with the tokenizer and text prefix saved beside it. A PEFT adapter folder of a
 * causal model (tunebook's {@code %save RUN DIR} of a generation fine-tune, or peft's {@code
 * save_pretrained}) is loaded onto its base and merged, with the tokenizer beside it or else the
 * base's.
 */
public final class SavedModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedModels() {}

    /**
     * Returns whether {@code folder} is one that {@link ModelExport} wrote for a classifier, or any
     * PEFT adapter folder (a causal model's, from tunebook or peft).
     */
    public static boolean isSaved(Path folder) {
        return Files.isRegularFile(folder.resolve(LoraModel.CONFIG_FILE))
                || Files.isRegularFile(folder.resolve(ModelExport.SETTINGS_FILE))
                        && Files.isRegularFile(folder.resolve("config.json"));
    }

    /**
     * Loads {@code folder} onto {@code device}.
     *
     * @throws IOException naming the file or field at fault, or the base model that cannot be found
     */
    public static LoadedModel load(Path folder, Device device, DownloadProgress progress)
            throws IOException {
        long start = System.nanoTime();
        if (!Files.isRegularFile(folder.resolve(ModelExport.SETTINGS_FILE))) {
            return causalAdapter(folder, device, progress, start);
        }
        JsonNode settings = JSON.readTree(folder.resolve(ModelExport.SETTINGS_FILE).toFile());
        LanguageModel model =
                Files.isRegularFile(folder.resolve(LoraModel.CONFIG_FILE))
                        ? adapter(folder, labels(settings), device, progress)
                        : LanguageModel.load(folder, device);
        try {
            Tokenizer tokenizer =
                    Files.isRegularFile(folder.resolve("tokenizer.json"))
                            ? Tokenizer.load(folder, settings.path("text_prefix").asText(""))
                            : null;
            double seconds = (System.nanoTime() - start) / 1e9;
            return LoadedModel.of(folder.toString(), folder, model, tokenizer, seconds);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Loads a PEFT adapter folder onto its base, merged, with the adapter's or base's tokenizer.
     */
    private static LoadedModel causalAdapter(
            Path folder, Device device, DownloadProgress progress, long start) throws IOException {
        LoraConfig lora = LoraConfig.read(folder.resolve(LoraModel.CONFIG_FILE));
        if ("SEQ_CLS".equals(lora.taskType())) {
            throw new WeightsFormatException(
                    folder.resolve(LoraModel.CONFIG_FILE),
                    "a SEQ_CLS adapter needs the labels that %save writes to "
                            + ModelExport.SETTINGS_FILE
                            + ", which this folder lacks");
        }
        Path base = BaseModels.resolve(folder, lora.baseModel(), progress);
        LanguageModel model = LanguageModel.load(base, device);
        try {
            LoraModel.load(model, folder).mergeAndUnload();
            Path tokenizerFolder =
                    Files.isRegularFile(folder.resolve("tokenizer.json")) ? folder : base;
            Tokenizer tokenizer =
                    Files.isRegularFile(tokenizerFolder.resolve("tokenizer.json"))
                            ? Tokenizer.load(tokenizerFolder)
                            : null;
            double seconds = (System.nanoTime() - start) / 1e9;
            return LoadedModel.of(folder.toString(), folder, model, tokenizer, seconds);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static List<String> labels(JsonNode settings) {
        List<String> labels = new ArrayList<>();
        settings.path("labels").forEach(l -> labels.add(l.asText()));
        return labels;
    }

    private static LanguageModel adapter(
            Path folder, List<String> labels, Device device, DownloadProgress progress)
            throws IOException {
        LoraConfig lora = LoraConfig.read(folder.resolve(LoraModel.CONFIG_FILE));
        Path base = BaseModels.resolve(folder, lora.baseModel(), progress);
        LanguageModel model;
        try (NDManager scratch = NDManager.newBaseManager(device)) {
            ModelWeights weights = ModelWeights.load(base, scratch);
            ModelConfig config = ClassifierConfig.of(weights.config(), labels, folder);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            weights.weights()
                    .forEach(
                            (name, array) -> {
                                if (!name.startsWith("classifier.")) {
                                    tensors.put(name, array);
                                }
                            });
            // Placeholders the adapter's saved head replaces.
            long hidden = config.hiddenSize();
            tensors.put("classifier.weight", scratch.zeros(new Shape(labels.size(), hidden)));
            tensors.put("classifier.bias", scratch.zeros(new Shape(labels.size())));
            model = LanguageModel.fromWeights(new ModelWeights(config, tensors), device);
        }
        try {
            LoraModel.load(model, folder).mergeAndUnload();
            return model;
        } catch (WeightsFormatException | RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
