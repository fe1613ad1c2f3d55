package dev.tunebook.finetune.tuned;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.eval.SentenceClassifier;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.Checkpoints;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.weights.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a fine-tuned classifier from its run record alone ({@link RunWeights}): the base model
 * from its recorded source (or, for a run that started from a model an earlier run had trained in
 * place, that run's model), then the checkpoint's {@code trainable.safetensors} applied as the
 * run's method trained it, and its head.
 */
final class FineTunedLoader {
    private static final String TRAINABLE = RunWeights.TRAINABLE_FILE;

    private static final List<String> HEAD = List.of("classifier.weight", "classifier.bias");

    private FineTunedLoader() {}

    static FineTunedModel load(RunStore store, RunRecord run, String device) throws IOException {
        RunWeights weights = RunWeights.of(run);
        if (weights.isCausal()) {
            throw new IllegalArgumentException(generationMessage(run));
        }
        Path dir = weights.checkpoint();
        if (weights.labels().isEmpty() || weights.baseModel() == null) {
            throw new IllegalArgumentException(
                    "run "
                            + RunWeights.describe(run)
                            + " records no "
                            + (weights.labels().isEmpty() ? "labels" : "base model source")
                            + " (fields labels, base_model): it was trained before tunebook kept"
                            + " them, or on a model not loaded from a source (%model load,"
                            + " LoadedModel.load); train it again to use it after a restart");
        }
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            BertModel encoder;
            Tokenizer tokenizer;
            if (weights.baseRun() != null) {
                FineTunedModel before = load(store, store.require(weights.baseRun()), device);
                owned.add(before);
                encoder = (BertModel) before.model();
                tokenizer = before.tokenizer();
            } else {
                LoadedModel base =
                        LoadedModel.load(
                                weights.baseModel(), device, "float32", DownloadProgress.NONE);
                owned.add(base);
                if (!(base.model() instanceof BertModel bert)) {
                    throw new IllegalArgumentException(
                            "run "
                                    + RunWeights.describe(run)
                                    + ": its base model "
                                    + weights.baseModel()
                                    + " is no BERT-family encoder");
                }
                encoder = bert;
                tokenizer = tokenizer(base, weights, owned);
            }
            SentenceClassifier classifier = apply(run, encoder, tokenizer, weights, dir);
            return new FineTunedModel(
                    run, weights.baseModel(), dir, encoder, tokenizer, classifier, owned);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : owned) {
                closeQuietly(c, e);
            }
            throw e;
        }
    }

    private static Tokenizer tokenizer(
            LoadedModel base, RunWeights weights, List<AutoCloseable> owned) throws IOException {
        if (weights.tokenizer() != null && Files.isRegularFile(weights.tokenizer())) {
            Tokenizer own = Tokenizer.load(weights.tokenizer(), weights.textPrefix());
            owned.add(own);
            return own;
        }
        return base.tokenizer();
    }

    /** Applies the checkpoint in {@code dir} to {@code encoder}; returns the classifier. */
    private static SentenceClassifier apply(
            RunRecord run, BertModel encoder, Tokenizer tokenizer, RunWeights weights, Path dir)
            throws IOException {
        if ("lora".equals(run.method())) {
            LoraModel.load(encoder, dir.resolve(RunWeights.ADAPTER_FOLDER));
        }
        Map<String, NDArray> saved = Weights.load(dir.resolve(TRAINABLE), encoder.manager());
        Map<String, NDArray> head = new LinkedHashMap<>();
        for (String name : HEAD) {
            NDArray array = saved.remove(name);
            if (array == null) {
                saved.values().forEach(NDArray::close);
                head.values().forEach(NDArray::close);
                throw new IllegalArgumentException(
                        "run "
                                + RunWeights.describe(run)
                                + ": "
                                + dir.resolve(TRAINABLE)
                                + " holds no "
                                + name
                                + ", so it trained no classification head");
            }
            head.put(name, array);
        }
        Map<String, NDArray> current = encoder.weights();
        for (Map.Entry<String, NDArray> e : saved.entrySet()) {
            NDArray old = current.get(e.getKey());
            if (old == null) {
                throw new IllegalArgumentException(
                        dir.resolve(TRAINABLE)
                                + " holds "
                                + e.getKey()
                                + ", which the base model "
                                + weights.baseModel()
                                + " lacks");
            }
            encoder.assign(e.getKey(), e.getValue());
            old.close();
        }
        encoder.setTraining(false);
        int maxLength =
                TrainingConfig.fromOptions(Checkpoints.state(dir).config()).batching().maxLength();
        return SentenceClassifier.of(encoder, tokenizer, weights.labels(), head, maxLength);
    }

    /** Returns the error for a run that trained a causal model rather than a classifier. */
    static String generationMessage(RunRecord run) {
        return "run "
                + RunWeights.describe(run)
                + " fine-tuned a causal model for generation, not a classifier: generation"
                + " evaluation: see %eval RUN on generation data (FineTunedGenerator.load from"
                + " Java), %generate and GenerationComparison (ROUGE-L, exact match)";
    }

    private static void closeQuietly(AutoCloseable c, Exception cause) {
        try {
            c.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
