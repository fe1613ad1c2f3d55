package dev.tunebook.finetune.train;

import dev.tunebook.finetune.runs.RunRecorder;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Evaluates every split at the end of a run and records the metrics per split, in the run store and
 * in the live view.
 */
final class FinalMetrics {
    private FinalMetrics() {}

    static void record(
            TrainingTask task,
            TrainingData data,
            RunRecorder recorder,
            RunProgress view,
            DoubleSupplier clock) {
        for (String split : data.splitNames()) {
            if (!data.split(split).isEmpty()) {
                Map<String, Double> metrics = task.evaluate(split, view.evaluating(split, clock));
                recorder.metrics(split, metrics);
                view.metrics(split, metrics);
            }
        }
    }
}
