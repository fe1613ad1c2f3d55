package dev.tunebook.finetune.eval;

import java.util.Map;

/**
 * The evaluation of one classifier on one split: per-example predictions, the classification
 * metrics, the headline numbers stored in a run, and the report a notebook shows.
 *
 * @param split the split evaluated
 * @param predictions every example's prediction, in split order
 * @param classification accuracy, F1 and the confusion matrix
 * @param metrics the numbers a run stores for the split (accuracy, macro_f1, ..., roc_auc for two
 *     labels)
 * @param report the rendered report
 */
public record Evaluation(
        String split,
        Predictions predictions,
        ClassificationMetrics classification,
        Map<String, Double> metrics,
        MetricsReport report) {

    /** Returns the accuracy. */
    public double accuracy() {
        return classification.accuracy();
    }
}
