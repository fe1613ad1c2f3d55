package dev.tunebook.finetune.eval;

import ai.djl.engine.Engine;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.DeviceLabel;
import dev.tunebook.finetune.runs.RecordedWork;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Evaluates a {@link TextClassifier} on splits of a classification dataset: predictions, metrics
 * and a report per split, optionally recorded as a run (kind {@code eval} or {@code baseline})
 * whose {@code metrics} hold each split's numbers.
 */
public final class ModelEvaluator {
    private ModelEvaluator() {}

    /**
     * Evaluates a trained model on {@code split}: an encoder through its classification head, a
     * causal model prompted zero-shot (see {@link RunClassifiers#of(LanguageModel, Tokenizer,
     * Dataset)}).
     */
    public static Evaluation evaluate(
            LanguageModel model, Tokenizer tokenizer, Dataset dataset, String split) {
        return evaluate(RunClassifiers.of(model, tokenizer, dataset), dataset, split, "eval");
    }

    /**
     * Classifies every row of {@code split} and scores the predictions against the gold labels.
     *
     * @throws IllegalArgumentException if the dataset has no such split or the split is empty
     */
    public static Evaluation evaluate(
            TextClassifier classifier, Dataset dataset, String split, String title) {
        int[] rows = dataset.rows(split);
        if (rows.length == 0) {
            throw new IllegalArgumentException(
                    "split '" + split + "' of " + dataset.name() + " is empty");
        }
        List<String> texts = new ArrayList<>(rows.length);
        List<String> gold = new ArrayList<>(rows.length);
        for (int row : rows) {
            texts.add(dataset.table().stringColumn("text").get(row));
            gold.add(dataset.table().stringColumn("label").get(row));
        }
        List<LabelScores> scores = classifier.classify(texts);
        return score(classifier.labels(), rows, texts, gold, scores, split, title);
    }

    private static Evaluation score(
            List<String> labels,
            int[] rows,
            List<String> texts,
            List<String> gold,
            List<LabelScores> scores,
            String split,
            String title) {
        List<Prediction> predictions = new ArrayList<>(rows.length);
        List<String> predicted = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            LabelScores s = scores.get(i);
            predicted.add(s.bestLabel());
            predictions.add(
                    Prediction.of(
                            String.valueOf(rows[i]),
                            texts.get(i),
                            gold.get(i),
                            s.bestLabel(),
                            s.bestScore()));
        }
        List<String> all = new ArrayList<>(labels);
        gold.stream().filter(g -> !all.contains(g)).distinct().sorted().forEach(all::add);
        predicted.stream().filter(p -> !all.contains(p)).distinct().forEach(all::add);
        ClassificationMetrics classification = ClassificationMetrics.of(gold, predicted, all);
        Map<String, Double> metrics = new LinkedHashMap<>(classification.summary());
        if (labels.size() == 2 && gold.contains(labels.get(0)) && gold.contains(labels.get(1))) {
            double[] margin =
                    scores.stream().mapToDouble(s -> s.scores()[1] - s.scores()[0]).toArray();
            if (java.util.Arrays.stream(margin).allMatch(Double::isFinite)) {
                metrics.put("roc_auc", RocAuc.of(gold, labels.get(1), margin));
            }
        }
        Predictions table = new Predictions(predictions);
        MetricsReport.Builder report =
                MetricsReport.builder()
                        .setTitle(title + " — " + split)
                        .optClassification(classification);
        metrics.forEach(report::optMetric);
        return new Evaluation(
                split, table, classification, metrics, report.optPredictions(table).build());
    }

    /**
     * Evaluates {@code classifier} on each of {@code splits} and records the results as {@code run}
     * in {@code store}: the run is created as {@code running}, gets each split's metrics as they
     * are computed, and ends {@code completed} (or {@code failed} with the error, which is
     * rethrown). Polls {@link Cancellation#current()}.
     *
     * @return the stored run and the evaluations by split, in the order given
     */
    public static EvaluationRun record(
            RunStore store,
            RunRecord run,
            TextClassifier classifier,
            Dataset dataset,
            List<String> splits) {
        return record(store, run, classifier, dataset, splits, Cancellation.current());
    }

    /**
     * As {@link #record(RunStore, RunRecord, TextClassifier, Dataset, List)}, polling {@code
     * cancellation} within every batch: once it is cancelled the run ends {@code interrupted} and a
     * {@link CancellationException} is thrown.
     */
    public static EvaluationRun record(
            RunStore store,
            RunRecord run,
            TextClassifier classifier,
            Dataset dataset,
            List<String> splits,
            Cancellation cancellation) {
        RunRecordBuilder filled = run.toBuilder();
        if (run.device() == null) {
            filled.optDevice(DeviceLabel.of(Engine.getInstance().defaultDevice()));
        }
        if (run.dataset() == null) {
            filled.optDataset(dataset.name());
        }
        if (run.split() == null) {
            filled.optSplit(String.join(",", splits));
        }
        Map<String, Evaluation> out = new LinkedHashMap<>();
        RecordedWork.Outcome<Map<String, Evaluation>> outcome;
        // The classifiers poll the token per batch: a cancellation (a Jupyter interrupt) ends the
        // run as interrupted within a batch, instead of the thread being stopped mid-call.
        try (Cancellation.Scope polling = cancellation.enter()) {
            outcome =
                    RecordedWork.recordRun(
                            store,
                            filled.build(),
                            recorder -> {
                                for (String split : splits) {
                                    Evaluation e = evaluate(classifier, dataset, split, run.name());
                                    recorder.metrics(split, e.metrics());
                                    out.put(split, e);
                                }
                                return out;
                            });
        }
        return new EvaluationRun(store.require(outcome.run().id()), out);
    }

    /**
     * Times {@code classifier} on the first {@code examples} rows of the run's first split (see
     * {@link InferenceProfiler#profile(TextClassifier, List, long)}) and stores the figures in the
     * run's {@code inference} field; returns the run as stored. Zero examples skips the profile.
     * Polls {@link Cancellation#current()}.
     */
    public static EvaluationRun profile(
            RunStore store,
            EvaluationRun run,
            TextClassifier classifier,
            Dataset dataset,
            int examples,
            long modelBytes) {
        return profile(store, run, classifier, dataset, examples, modelBytes, null);
    }

    /**
     * As {@link #profile(RunStore, EvaluationRun, TextClassifier, Dataset, int, long)}, with the
     * tokenizer whose token counts the figures report (null when the texts are not what the model
     * reads, as with prompts).
     */
    public static EvaluationRun profile(
            RunStore store,
            EvaluationRun run,
            TextClassifier classifier,
            Dataset dataset,
            int examples,
            long modelBytes,
            Tokenizer tokenizer) {
        return profile(
                store,
                run,
                classifier,
                dataset,
                examples,
                modelBytes,
                tokenizer,
                Cancellation.current());
    }

    /**
     * As {@link #profile(RunStore, EvaluationRun, TextClassifier, Dataset, int, long, Tokenizer)},
     * polling {@code cancellation} between examples (a {@link CancellationException} once
     * cancelled).
     */
    public static EvaluationRun profile(
            RunStore store,
            EvaluationRun run,
            TextClassifier classifier,
            Dataset dataset,
            int examples,
            long modelBytes,
            Tokenizer tokenizer,
            Cancellation cancellation) {
        if (examples == 0) {
            return run;
        }
        int[] rows = dataset.rows(run.evaluations().keySet().iterator().next());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < Math.min(examples, rows.length); i++) {
            texts.add(dataset.table().stringColumn("text").get(rows[i]));
        }
        InferenceProfile profile;
        try (Cancellation.Scope polling = cancellation.enter()) {
            profile = new InferenceProfiler().profile(classifier, texts, modelBytes, tokenizer);
        }
        InferenceProfiler.record(store, run.run().id(), profile.figures());
        return new EvaluationRun(store.require(run.run().id()), run.evaluations());
    }
}
