package dev.tunebook.finetune.save;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.lora.LoraConfig;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.tuned.FineTunedGenerator;
import dev.tunebook.finetune.weights.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes the causal language model a fine-tune run trained, for {@link ModelExport}: merged, a
 * transformers folder as {@code save_pretrained} writes it ({@code config.json}, the base's with
 * its {@code architectures} and a float32 dtype; {@code model.safetensors} with transformers' names
 * and no tied {@code lm_head}); unmerged, a PEFT adapter folder ({@code adapter_config.json} with
 * {@code task_type: CAUSAL_LM} and {@code base_model_name_or_path}; {@code
 * adapter_model.safetensors} with PEFT's keys, {@code
 * base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}). Both hold the tokenizer files
 * the run trained with (its {@code tokenizer_config.json} keeps the chat template) and the base's
 * {@code generation_config.json}.
 */
final class CausalExport {
    /** The tokenizer files copied when the tokenizer's folder has them. */
    static final List<String> TOKENIZER_FILES =
            List.of(
                    "tokenizer.json",
                    "tokenizer_config.json",
                    "special_tokens_map.json",
                    "chat_template.jinja",
                    "added_tokens.json",
                    "vocab.json",
                    "merges.txt",
                    "tokenizer.model");

    /** The decoding defaults transformers' {@code generate} reads. */
    static final String GENERATION_CONFIG = "generation_config.json";

    private CausalExport() {}

    /**
     * Writes the base in {@code baseFolder} with the run's weights merged into {@code folder}.
     *
     * @throws IllegalArgumentException if the base is no causal language model, or the run started
     *     from a model an earlier run had trained in place
     */
    static void writeMerged(RunWeights run, Path baseFolder, Device device, Path folder)
            throws IOException {
        refuseBaseRun(run);
        try (LanguageModel model = LanguageModel.load(baseFolder, device)) {
            if (!(model instanceof CausalLanguageModel)) {
                throw new IllegalArgumentException(
                        "run "
                                + run.run().name()
                                + " trained a causal model, but "
                                + baseFolder
                                + " holds a "
                                + model.getClass().getSimpleName());
            }
            LoraModel lora = FineTunedGenerator.apply(run, model);
            if (lora != null) {
                lora.mergeAndUnload();
            }
            model.setConfig(float32(model.config(), baseFolder));
            model.save(folder);
        }
        writeCommon(run, baseFolder, folder);
    }

    /** Writes the run's LoRA adapter into {@code folder}, naming {@code baseModelName} its base. */
    static void writeAdapter(RunWeights run, Path baseFolder, String baseModelName, Path folder)
            throws IOException {
        refuseBaseRun(run);
        Path adapter = run.adapterFolder();
        Files.copy(adapter.resolve(LoraModel.WEIGHTS_FILE), folder.resolve(LoraModel.WEIGHTS_FILE));
        LoraConfig.read(adapter.resolve(LoraModel.CONFIG_FILE)).toBuilder()
                .optTaskType("CAUSAL_LM")
                .optBaseModel(baseModelName)
                .build()
                .write(folder.resolve(LoraModel.CONFIG_FILE));
        writeCommon(run, baseFolder, folder);
    }

    private static void refuseBaseRun(RunWeights run) {
        if (run.baseRun() != null) {
            throw new IllegalArgumentException(
                    "run "
                            + run.run().name()
                            + " started from the model run "
                            + run.baseRun()
                            + " had trained in place, which a saved folder cannot name as its"
                            + " base: fine-tune a freshly loaded model to save it");
        }
    }

    /** Returns {@code config} saying float32, the type tunebook saves weights in. */
    private static ModelConfig float32(ModelConfig config, Path source) throws IOException {
        ObjectNode json = config.json().deepCopy();
        for (String field : List.of("torch_dtype", "dtype")) {
            if (json.has(field)) {
                json.put(field, "float32");
            }
        }
        return ModelConfig.parse(json, source);
    }

    private static void writeCommon(RunWeights run, Path baseFolder, Path folder)
            throws IOException {
        boolean own = run.tokenizer() != null && Files.isRegularFile(run.tokenizer());
        Path tokenizers = own ? run.tokenizer().toAbsolutePath().getParent() : baseFolder;
        for (String name : TOKENIZER_FILES) {
            copyIfPresent(tokenizers.resolve(name), folder.resolve(name));
        }
        if (own) {
            // The file the run trained with, whatever its name.
            copyIfPresent(run.tokenizer(), folder.resolve(TOKENIZER_FILES.get(0)));
        }
        copyIfPresent(baseFolder.resolve(GENERATION_CONFIG), folder.resolve(GENERATION_CONFIG));
    }

    private static void copyIfPresent(Path file, Path target) throws IOException {
        if (Files.isRegularFile(file)) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
