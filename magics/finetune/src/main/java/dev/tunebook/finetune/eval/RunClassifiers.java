package dev.tunebook.finetune.eval;

import ai.djl.Device;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a model, or a stored run, into the {@link TextClassifier} that {@link ModelEvaluator}
 * evaluates: an encoder's classification head, a causal model prompted zero-shot (answers scored by
 * likelihood), a baseline rebuilt from its run's settings, or the model a fine-tune saved.
 */
public final class RunClassifiers {
    /** Where a fine-tune run names the folder its model was saved to, checked in order. */
    static final List<String> MODEL_FIELDS = List.of("output_dir", "model_path", "checkpoint");

    private RunClassifiers() {}

    /**
     * Returns the classifier of a trained model: its classification head (encoders) or zero-shot
     * prompting with the label names as answers (causal models).
     *
     * @throws IllegalArgumentException for an encoder without a classification head
     */
    public static TextClassifier of(LanguageModel model, Tokenizer tokenizer, Dataset dataset) {
        if (model instanceof BertModel bert) {
            if (!bert.parameters().containsKey("classifier.weight")) {
                throw new IllegalArgumentException(
                        "this encoder has no classification head: measure it with a baseline"
                                + " (label similarity or nearest centroid), or fine-tune a head");
            }
            return new HeadClassifier(bert, tokenizer, headLabels(bert, dataset));
        }
        if (model instanceof CausalLanguageModel) {
            return Baselines.classifier(
                    model, tokenizer, dataset, BaselineSettings.builder().build());
        }
        throw new IllegalArgumentException(
                "cannot classify with a " + model.getClass().getSimpleName());
    }

    /**
     * Returns the classifier a stored run stands for: a baseline rebuilt on {@code model} with the
     * run's settings, or the model a fine-tune saved (its folder named by {@code output_dir},
     * {@code model_path} or {@code checkpoint} among its hyperparameters or fields). A loaded model
     * is owned by the caller through {@code opened}.
     *
     * @throws IllegalArgumentException if the run names no model folder, or it does not exist
     */
    public static TextClassifier of(
            RunRecord run,
            LanguageModel model,
            Tokenizer tokenizer,
            Dataset dataset,
            List<AutoCloseable> opened)
            throws IOException {
        if (run.kind() == RunKind.BASELINE) {
            return Baselines.classifier(
                    model, tokenizer, dataset, BaselineSettings.fromRun(run).build());
        }
        Path folder = modelFolder(run);
        Device device = model.manager().getDevice();
        LanguageModel loaded =
                Files.isRegularFile(folder.resolve(LoraModel.CONFIG_FILE))
                        ? LoraModel.loadPretrained(folder, device).model()
                        : LanguageModel.load(folder, device);
        opened.add(loaded);
        return of(loaded, tokenizer, dataset);
    }

    static Path modelFolder(RunRecord run) {
        for (String field : MODEL_FIELDS) {
            Object value = run.hyperparameters().getOrDefault(field, run.extra().get(field));
            if (value instanceof String path) {
                Path folder = Path.of(path);
                if (!Files.isDirectory(folder)) {
                    throw new IllegalArgumentException(
                            "run "
                                    + run.id()
                                    + " names "
                                    + field
                                    + " "
                                    + folder
                                    + ", which does not exist");
                }
                return folder;
            }
        }
        throw new IllegalArgumentException(
                "run "
                        + run.id()
                        + " ("
                        + run.kind().id()
                        + ") names no saved model ("
                        + String.join(", ", MODEL_FIELDS)
                        + "): bind the model to a variable and"
                        + " evaluate that instead");
    }

    private static List<String> headLabels(BertModel bert, Dataset dataset) {
        var id2label =
                bert.config() == null
                        ? java.util.Map.<Integer, String>of()
                        : bert.config().id2label();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < id2label.size(); i++) {
            names.add(id2label.get(i));
        }
        return names.size() == dataset.labelNames().size()
                        && dataset.labelNames().containsAll(names)
                ? names
                : dataset.labelNames();
    }
}
