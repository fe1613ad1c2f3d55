package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.RunKind;

/**
 * What one run costs: training once, then serving the requested inference workload.
 *
 * @param runId the run's id
 * @param runName the run's name
 * @param kind baseline or finetune
 * @param method the run's method
 * @param accuracy the run's headline metric, or {@code null}
 * @param device the device priced, or {@code null} if unknown
 * @param usdPerHour the hourly price used, or {@code null}
 * @param trainingSeconds training time on {@code device}, or {@code null} if unknown
 * @param trainingUsd training cost, or {@code null} if unknown
 * @param trainingEstimated whether training time was projected or derived from FLOPs
 * @param inferenceSeconds time to serve the workload, or {@code null} if unknown
 * @param inferenceUsd inference cost, or {@code null} if unknown
 * @param inferenceEstimated whether inference time was projected or derived from FLOPs
 */
public record CostEstimate(
        String runId,
        String runName,
        RunKind kind,
        String method,
        Double accuracy,
        String device,
        Double usdPerHour,
        Double trainingSeconds,
        Double trainingUsd,
        boolean trainingEstimated,
        Double inferenceSeconds,
        Double inferenceUsd,
        boolean inferenceEstimated) {

    /** Returns training plus inference cost, or {@code null} if either is unknown. */
    public Double totalUsd() {
        return trainingUsd == null || inferenceUsd == null ? null : trainingUsd + inferenceUsd;
    }

    /** Returns whether any part of the cost is an estimate rather than measured time. */
    public boolean estimated() {
        return trainingEstimated || inferenceEstimated;
    }

    /**
     * Returns the figures as a run record's {@code cost} object ({@code device}, {@code
     * usd_per_hour}, {@code training_usd}, {@code inference_usd}, {@code total_usd}, {@code
     * estimated}), leaving out unknown values, so {@code %compare} shows cost beside the results.
     */
    public java.util.Map<String, Object> toRecordCost() {
        java.util.Map<String, Object> cost = new java.util.LinkedHashMap<>();
        putIfKnown(cost, "device", device);
        putIfKnown(cost, "usd_per_hour", usdPerHour);
        putIfKnown(cost, "training_usd", trainingUsd);
        putIfKnown(cost, "inference_usd", inferenceUsd);
        putIfKnown(cost, "total_usd", totalUsd());
        cost.put("estimated", estimated());
        return cost;
    }

    private static void putIfKnown(java.util.Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Returns a copy with {@code accuracy} as the headline metric. */
    public CostEstimate withAccuracy(Double accuracy) {
        return copy(accuracy, inferenceSeconds, inferenceUsd, inferenceEstimated);
    }

    /** Returns a copy whose workload takes {@code seconds}, priced at {@link #usdPerHour()}. */
    public CostEstimate withInference(Double seconds, boolean estimated) {
        return copy(
                accuracy,
                seconds,
                seconds == null || usdPerHour == null ? null : seconds / 3600 * usdPerHour,
                estimated);
    }

    private CostEstimate copy(
            Double accuracy, Double inferenceSeconds, Double inferenceUsd, boolean estimated) {
        return new CostEstimate(
                runId,
                runName,
                kind,
                method,
                accuracy,
                device,
                usdPerHour,
                trainingSeconds,
                trainingUsd,
                trainingEstimated,
                inferenceSeconds,
                inferenceUsd,
                estimated);
    }

    /** Returns whether the run can be placed on the cost-versus-accuracy chart. */
    public boolean plottable() {
        return accuracy != null && totalUsd() != null;
    }
}
