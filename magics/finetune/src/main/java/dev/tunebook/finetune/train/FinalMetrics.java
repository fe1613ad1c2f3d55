package dev.tunebook.finetune.train;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Evaluates every split at the end of a run, telling the run's events each batch and each split's
 * metrics, and returns the seconds the evaluation took, which the record keeps as {@code
 * eval_seconds}: time that is not training and is kept out of {@code train_seconds}.
 */
final class FinalMetrics {
    private FinalMetrics() {}

    /** The record field that holds the final evaluation's seconds. */
    static final String EVAL_SECONDS = "eval_seconds";

    /** Evaluates the non-empty splits of {@code data}; returns the seconds it took. */
    static double evaluate(
            TrainingTask task, TrainingData data, TrainingEvents events, DoubleSupplier clock) {
        long start = System.nanoTime();
        for (String split : data.splitNames()) {
            if (!data.split(split).isEmpty()) {
                Map<String, Double> metrics =
                        task.evaluate(
                                split,
                                (batch, batches) ->
                                        events.evaluating(
                                                split, batch, batches, clock.getAsDouble(), true));
                events.evaluated(split, metrics);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
