package dev.tunebook.magics;

import dev.tunebook.finetune.lora.BaseModelName;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.save.ModelExport;
import dev.tunebook.finetune.save.SavedModel;
import dev.tunebook.finetune.source.MavenEncoder;
import dev.tunebook.finetune.source.ModelSource;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code %save RUN DIR [--merged] [--overwrite] [--model NAME] [--base NAME_OR_PATH]}: saves a
 * fine-tuned classifier or causal language model with {@link ModelExport}, as a transformers folder
 * or a PEFT adapter.
 */
final class SaveMagic implements Magic {
    static final String USAGE =
            "%save RUN DIR [--merged] [--overwrite] [--model NAME] [--base NAME_OR_PATH]\n"
                    + "Saves the classifier or causal language model a fine-tune trained (its best"
                    + " checkpoint) into the folder DIR; %model load DIR loads it back.\n"
                    + "RUN: a notebook variable holding a %%finetune run (run), or a run's name"
                    + " or id in the run store.\n"
                    + "--merged: a transformers folder (config.json with"
                    + " BertForSequenceClassification, id2label, label2id, or for a causal model"
                    + " the base's architectures such as LlamaForCausalLM; model.safetensors;"
                    + " tokenizer files; generation_config.json for a causal model). Without it, a"
                    + " PEFT adapter (adapter_config.json with base_model_name_or_path, task_type"
                    + " SEQ_CLS with modules_to_save or CAUSAL_LM; adapter_model.safetensors):"
                    + " LoRA runs only.\n"
                    + "--overwrite: replace DIR if it holds files (else an error); the old folder"
                    + " goes only once the new one is complete.\n"
                    + "--model: the base model's variable when the run did not record where its"
                    + " model came from (default model).\n"
                    + "--base: the adapter's base_model_name_or_path (default the source the run"
                    + " was trained from; a hub id such as sentence-transformers/all-MiniLM-L6-v2"
                    + " lets peft download it).";

    static MagicSpec spec() {
        return MagicSpec.line("save", USAGE, new SaveMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        MagicArguments parsed =
                MagicArguments.parse(
                        args, Set.of("--model", "--base"), Set.of("--merged", "--overwrite"));
        List<String> words = parsed.positional();
        if (words.size() != 2) {
            throw new MagicUsageException("write %save RUN DIR");
        }
        try {
            RunWeights weights = weights(words.get(0), context);
            String source = source(weights, parsed, context);
            Path base = ModelSource.parse(source).fetch(new DownloadBar(System.out));
            SavedModel saved =
                    ModelExport.builder()
                            .setRun(weights)
                            .setBaseFolder(base)
                            .setTarget(context.workingDirectory().resolve(words.get(1)))
                            .optMerged(parsed.has("--merged"))
                            .optOverwrite(parsed.has("--overwrite"))
                            .optBaseModelName(parsed.get("--base", BaseModelName.of(source)))
                            .optTextPrefix(
                                    MavenEncoder.of(source)
                                            .map(MavenEncoder::textPrefix)
                                            .orElse(""))
                            .build()
                            .save();
            return saved.toString();
        } catch (FileAlreadyExistsException e) {
            throw new MagicUsageException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw e instanceof MagicUsageException ? e : new MagicUsageException(e.getMessage());
        }
    }

    private static RunWeights weights(String key, MagicContext context) throws Exception {
        RunWeights weights =
                context.lookup(key) instanceof TrainingRun run
                        ? RunWeights.of(run)
                        : RunWeights.find(NotebookVariables.runStore(context), key);
        if (!weights.isCausal()
                && weights.labels().isEmpty()
                && context.lookup(NotebookVariables.DATASET) != null) {
            weights = weights.withLabels(NotebookVariables.dataset(context).labelNames());
        }
        return weights;
    }

    /** Returns the base model's source: the run's record, else the {@code --model} variable. */
    private static String source(RunWeights weights, MagicArguments parsed, MagicContext context) {
        if (!parsed.has("--model") && weights.baseModel() != null) {
            return weights.baseModel();
        }
        String variable = parsed.variable("--model", NotebookVariables.MODEL);
        Optional<LoadedModel> model = NotebookVariables.findModel(context, variable);
        if (model.isEmpty()) {
            throw new MagicUsageException(
                    "run "
                            + weights.run().name()
                            + " does not record where its base model came from: load it with"
                            + " %model load SOURCE and name it with --model");
        }
        LoadedModel loaded = model.get();
        String trainedOn = weights.run().model();
        if (trainedOn != null && !trainedOn.equals(loaded.displayName())) {
            throw new MagicUsageException(
                    "run "
                            + weights.run().name()
                            + " was trained on "
                            + trainedOn
                            + ", but --model "
                            + variable
                            + " is "
                            + loaded.displayName());
        }
        return loaded.source();
    }
}
