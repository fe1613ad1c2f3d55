package dev.tunebook.finetune.train;

import dev.tunebook.finetune.runs.RunRecorder;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Evaluates every split at the end of a run and records the metrics per split, in the run store and
 * in the live view, and the seconds the evaluation took as the record's {@code eval_seconds}: time
 * that is not training and is kept out of {@code train_seconds}.
 */
final class FinalMetrics {
    private FinalMetrics() {}

    /** The record field that holds the final evaluation's seconds. */
    static final String EVAL_SECONDS = "eval_seconds";

    static void record(
            TrainingTask task,
            TrainingData data,
            RunRecorder recorder,
            RunProgress view,
            DoubleSupplier clock) {
        long start = System.nanoTime();
        for (String split : data.splitNames()) {
            if (!data.split(split).isEmpty()) {
                Map<String, Double> metrics =
                        task.evaluate(split, view.finalEvaluation(split, clock));
                recorder.metrics(split, metrics);
                view.metrics(split, metrics);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        recorder.update(r -> r.extra().put(EVAL_SECONDS, seconds));
    }
}
