package dev.tunebook.finetune.train;

import dev.tunebook.finetune.runs.RunRecorder;
import java.util.Map;

/** Evaluates every split at the end of a run and records the metrics per split. */
final class FinalMetrics {
    private FinalMetrics() {}

    static void record(TrainingTask task, TrainingData data, RunRecorder recorder) {
        for (String split : data.splitNames()) {
            if (!data.split(split).isEmpty()) {
                Map<String, Double> metrics = task.evaluate(split);
                recorder.metrics(split, metrics);
            }
        }
    }
}
