package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.Percentiles;

/**
 * What one inference measurement found: the latency of each example at batch size 1 (after
 * warm-up), the throughput of batched inference, the size of the saved model, and the mean input
 * length. {@link #figures()} gives the form a run's {@code inference} field stores.
 *
 * @param latenciesMs per-example latency at batch size 1, in milliseconds, in measured order
 * @param throughputPerSecond examples per second at {@code batchSize}
 * @param batchSize the batch size of the throughput measurement
 * @param modelBytes the size of the saved weights (or of the adapter, for an unmerged LoRA model)
 * @param tokensPerExample the mean number of input tokens per example, {@code NaN} if unknown
 * @param cpuMsPerExample CPU time of the whole process per example at batch size 1, the engine on
 *     one thread, {@code NaN} when not measured (a model on a GPU, whose work the host's CPU time
 *     misses)
 * @param cores the cores the process could use while measured
 */
public record InferenceProfile(
        double[] latenciesMs,
        double throughputPerSecond,
        int batchSize,
        long modelBytes,
        double tokensPerExample,
        double cpuMsPerExample,
        int cores) {

    /** Creates a profile without a CPU-time figure. */
    public InferenceProfile(
            double[] latenciesMs,
            double throughputPerSecond,
            int batchSize,
            long modelBytes,
            double tokensPerExample) {
        this(
                latenciesMs,
                throughputPerSecond,
                batchSize,
                modelBytes,
                tokensPerExample,
                Double.NaN,
                0);
    }

    /** Copies the latencies. */
    public InferenceProfile {
        latenciesMs = latenciesMs.clone();
    }

    @Override
    public double[] latenciesMs() {
        return latenciesMs.clone();
    }

    /** Returns the median latency in milliseconds. */
    public double latencyMsP50() {
        return Percentiles.of(latenciesMs, 50);
    }

    /** Returns the 95th-percentile latency in milliseconds. */
    public double latencyMsP95() {
        return Percentiles.of(latenciesMs, 95);
    }

    /**
     * Returns the figures stored in a run: p50 and p95 latency, the batched throughput, the model
     * size, the mean tokens per example and the CPU time per example with the cores it ran on.
     */
    public InferenceFigures figures() {
        return new InferenceFigures(
                latencyMsP50(),
                latencyMsP95(),
                throughputPerSecond,
                modelBytes,
                Double.isNaN(tokensPerExample) ? null : tokensPerExample,
                Double.isNaN(cpuMsPerExample) ? null : cpuMsPerExample,
                Double.isNaN(cpuMsPerExample) ? null : cores,
                null,
                null);
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "latency p50 %.2f ms, p95 %.2f ms (batch 1, %d examples); throughput %.1f/s (batch"
                        + " %d); %,d bytes; %.1f tokens/example; cpu %.2f ms/example on %d cores",
                latencyMsP50(),
                latencyMsP95(),
                latenciesMs.length,
                throughputPerSecond,
                batchSize,
                modelBytes,
                tokensPerExample,
                cpuMsPerExample,
                cores);
    }
}
