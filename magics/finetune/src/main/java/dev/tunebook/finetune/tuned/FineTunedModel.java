package dev.tunebook.finetune.tuned;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.LabelScores;
import dev.tunebook.finetune.eval.SentenceClassifier;
import dev.tunebook.finetune.eval.TextClassifier;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A fine-tuned sentence classifier as a value: the base model with what the run trained (all of its
 * weights, a LoRA adapter, or none), the run's classification head, the labels in head order and
 * the tokenizer, on the model's device. Get one from a finished run ({@link #of}, which shares the
 * model the trainer trained in place) or from the run store ({@link #load}, which loads the base
 * model from the source the run recorded and applies the run's checkpoint, so it works after a
 * restart). It classifies like any {@link TextClassifier} ({@code ModelEvaluator} evaluates it) and
 * {@link #predict}s with a probability per label.
 *
 * <pre>{@code
 * try (FineTunedModel spam = FineTunedModel.load(RunStore.open(), "spam-lora", "auto")) {
 *     TextPrediction p = spam.predict("WIN a FREE phone now");
 *     System.out.println(p.label() + " " + p.score());
 * }
 * }</pre>
 *
 * <p>Instances are not thread-safe (they share the model). Close one to free its head, and the
 * model and tokenizer when it loaded them.
 */
public final class FineTunedModel implements TextClassifier, AutoCloseable {
    private final RunRecord run;
    private final String baseModel;
    private final Path checkpoint;
    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final SentenceClassifier classifier;
    private final List<AutoCloseable> owned;

    FineTunedModel(
            RunRecord run,
            String baseModel,
            Path checkpoint,
            LanguageModel model,
            Tokenizer tokenizer,
            SentenceClassifier classifier,
            List<AutoCloseable> owned) {
        this.run = run;
        this.baseModel = baseModel;
        this.checkpoint = checkpoint;
        this.model = model;
        this.tokenizer = tokenizer;
        this.classifier = classifier;
        this.owned = List.copyOf(owned);
    }

    /**
     * Returns the model a classification run trained: {@code trained}, the model given to the
     * trainer (trained in place, with the adapter for LoRA, and holding the best checkpoint's
     * weights when the run chose one), with the head of the checkpoint the run ended on. The model
     * and tokenizer stay the caller's: training {@code trained} again changes this model too.
     *
     * @param labels the labels in the order the head was trained on ({@code dataset.labelNames()})
     * @throws IllegalArgumentException when the run trained no classification head
     * @throws IOException when the checkpoint cannot be read
     */
    public static FineTunedModel of(
            TrainingRun run, LanguageModel trained, Tokenizer tokenizer, List<String> labels)
            throws IOException {
        if (!(trained instanceof BertModel encoder)) {
            throw new IllegalArgumentException(FineTunedLoader.generationMessage(run.record()));
        }
        SentenceClassifier classifier;
        try {
            classifier = run.classifier(encoder, tokenizer, labels);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        trained.setTraining(false);
        RunWeights weights = RunWeights.of(run);
        String base = weights.baseModel() == null ? run.record().model() : weights.baseModel();
        Path checkpoint = weights.checkpoint();
        return new FineTunedModel(
                run.record(), base, checkpoint, trained, tokenizer, classifier, List.of());
    }

    /**
     * Returns the model {@code trainer} trained in {@code run} ({@link #of(TrainingRun,
     * LanguageModel, Tokenizer, List)} with the trainer's model, tokenizer and labels).
     *
     * @throws IllegalArgumentException when the run trained no classifier
     */
    public static FineTunedModel of(TrainingRun run, Trainer trainer) throws IOException {
        if (!trainer.data().isClassification()) {
            throw new IllegalArgumentException(FineTunedLoader.generationMessage(run.record()));
        }
        if (trainer.tokenizer() == null) {
            throw new IllegalArgumentException(
                    "the trainer was given tokenised data: pass the tokenizer to"
                            + " FineTunedModel.of(run, model, tokenizer, labels)");
        }
        return of(run, trainer.model(), trainer.tokenizer(), trainer.data().labelNames());
    }

    /**
     * Loads fine-tune {@code key} (an id, a name, or an id prefix) from {@code store}: the base
     * model from the source the run recorded, its tokenizer, and the run's checkpoint (its best one
     * for a completed run that chose one, else its latest) applied for its method (full: the
     * trained weights; lora: the adapter; head: nothing), with the trained head.
     *
     * @param device {@code auto}, {@code cpu} or {@code gpu}
     * @throws IllegalArgumentException naming the known runs for an unknown key; saying why for a
     *     run that is no classification fine-tune (a generation run, a baseline), whose weights
     *     folder is gone (naming it), or that records no base model
     * @throws IOException naming the file that cannot be read
     */
    public static FineTunedModel load(RunStore store, String key, String device)
            throws IOException {
        return FineTunedLoader.load(store, store.require(key), device);
    }

    /** Returns the run's name. */
    public String name() {
        return run.name();
    }

    /** Returns the run's id in the store. */
    public String runId() {
        return run.id();
    }

    /** Returns the run's record, as it was when this model was made. */
    public RunRecord run() {
        return run;
    }

    /** Returns the source of the base model (or the model's name where the run records none). */
    public String baseModel() {
        return baseModel;
    }

    /** Returns how the run trained: {@code full}, {@code lora} or {@code head}. */
    public String method() {
        return run.method();
    }

    /** Returns the checkpoint folder whose head (and weights) this model holds. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** Returns the network: the base encoder with the trained weights or adapter. */
    public LanguageModel model() {
        return model;
    }

    /** Returns the tokenizer. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Returns the sentence classifier: encoder, mean pooling and head. */
    public SentenceClassifier classifier() {
        return classifier;
    }

    @Override
    public List<String> labels() {
        return classifier.labels();
    }

    @Override
    public List<LabelScores> classify(List<String> texts) {
        return classifier.classify(texts);
    }

    /** Returns the prediction for every text, in order, with a probability per label. */
    public List<TextPrediction> predict(List<String> texts) {
        List<LabelScores> scores = classify(texts);
        List<TextPrediction> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(TextPrediction.of(texts.get(i), scores.get(i)));
        }
        return out;
    }

    /** Returns the prediction for {@code text}. */
    public TextPrediction predict(String text) {
        return predict(List.of(text)).get(0);
    }

    /**
     * Checks that every label of {@code dataset} is one this model predicts (it may lack some).
     *
     * @throws IllegalArgumentException naming the labels only the dataset has and those only the
     *     model has
     */
    public void requireLabelsOf(Dataset dataset) {
        TreeSet<String> unknown = new TreeSet<>(dataset.labelNames());
        unknown.removeAll(labels());
        if (unknown.isEmpty()) {
            return;
        }
        TreeSet<String> onlyModel = new TreeSet<>(labels());
        onlyModel.removeAll(dataset.labelNames());
        throw new IllegalArgumentException(
                "dataset "
                        + dataset.name()
                        + " has labels "
                        + dataset.labelNames()
                        + " but "
                        + run.name()
                        + " was trained on "
                        + labels()
                        + ": labels only in the dataset: "
                        + unknown
                        + (onlyModel.isEmpty() ? "" : "; only in the model: " + onlyModel));
    }

    @Override
    public void close() {
        classifier.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c, e);
            }
        }
    }

    @Override
    public String toString() {
        return "FineTunedModel["
                + run.name()
                + " "
                + run.id()
                + ", "
                + run.method()
                + " on "
                + baseModel
                + ", labels "
                + labels()
                + "]";
    }
}
