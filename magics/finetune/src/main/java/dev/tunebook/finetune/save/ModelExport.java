package dev.tunebook.finetune.save;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.lora.LoraConfig;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.lora.PeftNames;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.weights.ModelWeights;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import dev.tunebook.finetune.weights.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Saves the classifier a fine-tune run trained as a folder other tools read: merged, a transformers
 * model folder ({@code config.json} with {@code architectures}, {@code id2label}, {@code label2id},
 * {@code num_labels}; {@code model.safetensors} with transformers' names, {@code bert.…} and {@code
 * classifier.weight}); unmerged, a PEFT adapter folder ({@code adapter_config.json} with {@code
 * base_model_name_or_path}, {@code modules_to_save: ["classifier"]}, {@code task_type: SEQ_CLS};
 * {@code adapter_model.safetensors} with PEFT's keys). Both hold the base's tokenizer files and
 * {@code classifier.json} (labels, pooling, token limit, text prefix). The folder is written beside
 * its target and renamed into place when complete ({@code FolderWrite}). A run that fine-tuned a
 * causal language model is saved the same two ways, as a {@code …ForCausalLM} model or a {@code
 * CAUSAL_LM} adapter, with its tokenizer and generation config ({@code CausalExport}).
 *
 * <pre>{@code
 * ModelExport.builder().setRun(RunWeights.find(store, "spam-lora"))
 *         .setBaseFolder(minilm.folder()).setTarget(Path.of("spam-model"))
 *         .optMerged(true).build().save();
 * }</pre>
 */
public final class ModelExport {
    /** The labels, pooling, token limit and text prefix in a saved folder. */
    public static final String SETTINGS_FILE = "classifier.json";

    /** The tokenizer files copied from the base folder when it has them. */
    static final List<String> TOKENIZER_FILES =
            List.of(
                    "tokenizer.json",
                    "tokenizer_config.json",
                    "special_tokens_map.json",
                    "vocab.txt");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RunWeights run;
    private final Path baseFolder;
    private final Path target;
    private final boolean merged;
    private final boolean overwrite;
    private final String baseModelName;
    private final String textPrefix;
    private final Device device;

    private ModelExport(Builder b) {
        this.run = b.run;
        this.baseFolder = b.baseFolder;
        this.target = b.target;
        this.merged = b.merged;
        this.overwrite = b.overwrite;
        this.baseModelName = b.baseModelName == null ? b.baseFolder.toString() : b.baseModelName;
        this.textPrefix = b.textPrefix;
        this.device = b.device;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the folder and returns what it holds.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the target exists, is not empty and
     *     overwriting was not asked for
     * @throws IllegalArgumentException for an unmerged save of a run that trained no LoRA adapter,
     *     a run without labels or head, or a base that is no BERT-family encoder
     * @throws IOException naming the file that cannot be read or written
     */
    public SavedModel save() throws IOException {
        if (!merged && run.method() != TrainingMethod.LORA) {
            throw new IllegalArgumentException(
                    "run "
                            + run.run().name()
                            + " trained method "
                            + run.method().id()
                            + ", which has no adapter: save it merged (--merged)");
        }
        FolderWrite.write(target, overwrite, merged ? this::writeMerged : this::writeAdapter);
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(target)) {
            list.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
        }
        return new SavedModel(target.toAbsolutePath().normalize(), merged, run.run().name(), files);
    }

    private void writeMerged(Path folder) throws IOException {
        if (run.isCausal()) {
            CausalExport.writeMerged(run, baseFolder, device, folder);
            return;
        }
        try (BertModel model = TrainedClassifier.merged(run, baseFolder, device)) {
            new ModelWeights(model.config(), model.weights()).save(folder);
        }
        writeCommon(folder);
    }

    private void writeAdapter(Path folder) throws IOException {
        if (run.isCausal()) {
            CausalExport.writeAdapter(run, baseFolder, baseModelName, folder);
            return;
        }
        Path adapter = run.adapterFolder();
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> tensors =
                    new LinkedHashMap<>(
                            Weights.load(adapter.resolve(LoraModel.WEIGHTS_FILE), scratch));
            Map<String, NDArray> trained = Weights.load(run.trainableFile(), scratch);
            for (String name : TrainedClassifier.HEAD) {
                NDArray head = trained.get(name);
                if (head == null) {
                    throw new IllegalArgumentException(
                            "run "
                                    + run.run().name()
                                    + " trained no classification head ("
                                    + run.trainableFile()
                                    + " holds no "
                                    + name
                                    + ")");
                }
                tensors.put(PeftNames.adapterKey(name), head);
            }
            SafetensorsWriter.write(folder.resolve(LoraModel.WEIGHTS_FILE), tensors);
        }
        LoraConfig.read(adapter.resolve(LoraModel.CONFIG_FILE)).toBuilder()
                .optModulesToSave(List.of("classifier"))
                .optTaskType("SEQ_CLS")
                .optBaseModel(baseModelName)
                .build()
                .write(folder.resolve(LoraModel.CONFIG_FILE));
        writeCommon(folder);
    }

    private void writeCommon(Path folder) throws IOException {
        for (String name : TOKENIZER_FILES) {
            Path file = baseFolder.resolve(name);
            if (Files.isRegularFile(file)) {
                Files.copy(file, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectNode settings = JSON.createObjectNode().put("pooling", "mean");
        run.labels().forEach(settings.putArray("labels")::add);
        settings.put("max_length", run.config().batching().maxLength());
        settings.put("text_prefix", textPrefix);
        settings.put("run", run.run().id());
        Files.writeString(
                folder.resolve(SETTINGS_FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(settings));
    }

    /** Builds a {@link ModelExport}. Instances are not thread-safe. */
    public static final class Builder {
        private RunWeights run;
        private Path baseFolder;
        private Path target;
        private boolean merged;
        private boolean overwrite;
        private String baseModelName;
        private String textPrefix = "";
        private Device device = Device.cpu();

        private Builder() {}

        /** Sets the run whose weights are saved. */
        public Builder setRun(RunWeights run) {
            this.run = run;
            return this;
        }

        /** Sets the local folder of the base model the run trained on (its tokenizer too). */
        public Builder setBaseFolder(Path folder) {
            this.baseFolder = folder;
            return this;
        }

        /** Sets the folder to write. */
        public Builder setTarget(Path folder) {
            this.target = folder;
            return this;
        }

        /** Writes a merged transformers model (true) or a PEFT adapter (false, default). */
        public Builder optMerged(boolean merged) {
            this.merged = merged;
            return this;
        }

        /** Replaces a target folder that exists and is not empty (default false: an error). */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /**
         * Sets the adapter's {@code base_model_name_or_path}: a hub id peft downloads, or a folder
         * (default the base folder's path).
         */
        public Builder optBaseModelName(String name) {
            this.baseModelName = name;
            return this;
        }

        /** Sets the text the model's tokenizer puts before every input ({@code "query: "}). */
        public Builder optTextPrefix(String prefix) {
            this.textPrefix = prefix;
            return this;
        }

        /** Sets the device the merge runs on (default the CPU). */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /** Builds the export. */
        public ModelExport build() {
            if (run == null || baseFolder == null || target == null) {
                throw new IllegalStateException("run, base folder and target must be set");
            }
            return new ModelExport(this);
        }
    }
}
