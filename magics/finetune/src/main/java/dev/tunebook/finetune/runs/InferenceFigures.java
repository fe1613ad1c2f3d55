package dev.tunebook.finetune.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Inference measurements of a run's model on the device it ran on. For LoRA runs the top-level
 * figures describe the form that was served, and {@code merged} / {@code unmerged} hold both.
 *
 * @param latencyMsP50 median latency of one example, batch size 1, in milliseconds
 * @param latencyMsP95 95th-percentile latency, in milliseconds
 * @param throughputPerSecond examples per second at the measured batch size
 * @param modelBytes size of the saved model (or adapter) on disk
 * @param tokensPerExample mean input tokens per measured example
 * @param cpuMsPerExample CPU time of one example at batch size 1 with the engine on one thread, the
 *     cheapest of repeated passes (milliseconds; measured on the CPU only), or {@code null}
 * @param cpuCores the cores the process could use when {@code cpuMsPerExample} was measured
 * @param merged figures with the adapter merged into the base weights, or {@code null}
 * @param unmerged figures with the adapter applied on the fly, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceFigures(
        @JsonProperty("latency_ms_p50") Double latencyMsP50,
        @JsonProperty("latency_ms_p95") Double latencyMsP95,
        @JsonProperty("throughput_per_second") Double throughputPerSecond,
        @JsonProperty("model_bytes") Long modelBytes,
        @JsonProperty("tokens_per_example") Double tokensPerExample,
        @JsonProperty("cpu_ms_per_example") Double cpuMsPerExample,
        @JsonProperty("cpu_cores") Integer cpuCores,
        @JsonProperty("merged") InferenceFigures merged,
        @JsonProperty("unmerged") InferenceFigures unmerged) {

    /**
     * Summarises per-example latencies measured at batch size 1: p50 and p95 as {@code
     * numpy.percentile} computes them, throughput {@code 1000 / mean latency}.
     *
     * @throws IllegalArgumentException if there are no latencies or one is not positive
     */
    public static InferenceFigures fromLatencies(double[] latenciesMs, Long modelBytes) {
        double sum = 0;
        for (double ms : latenciesMs) {
            if (!(ms > 0) || Double.isInfinite(ms)) {
                throw new IllegalArgumentException("latency must be a positive number, got " + ms);
            }
            sum += ms;
        }
        double p50 = Percentiles.of(latenciesMs, 50);
        double p95 = Percentiles.of(latenciesMs, 95);
        double throughput = 1000 * latenciesMs.length / sum;
        return new InferenceFigures(p50, p95, throughput, modelBytes, null, null, null, null, null);
    }

    /**
     * Returns a copy with the CPU time per example measured on {@code cores} cores; unchanged when
     * {@code cpuMs} is not a positive number (not measured, as on a GPU).
     */
    public InferenceFigures withCpu(double cpuMs, int cores) {
        if (!(cpuMs > 0) || Double.isInfinite(cpuMs)) {
            return this;
        }
        return new InferenceFigures(
                latencyMsP50,
                latencyMsP95,
                throughputPerSecond,
                modelBytes,
                tokensPerExample,
                cpuMs,
                cores,
                merged,
                unmerged);
    }

    /** Returns a copy with {@code merged} and {@code unmerged} figures (LoRA runs). */
    public InferenceFigures withForms(InferenceFigures merged, InferenceFigures unmerged) {
        return new InferenceFigures(
                latencyMsP50,
                latencyMsP95,
                throughputPerSecond,
                modelBytes,
                tokensPerExample,
                cpuMsPerExample,
                cpuCores,
                merged,
                unmerged);
    }

    /**
     * Returns the machine time one example takes, in seconds: its one-thread CPU time spread over
     * the measuring machine's cores, which is what a machine serving one request per core spends on
     * each, and which other processes on a shared machine hardly change (where they inflate
     * wall-clock latency); null when not measured.
     */
    @JsonIgnore
    public Double machineSecondsPerExample() {
        return cpuMsPerExample == null || cpuCores == null || cpuCores < 1 || !(cpuMsPerExample > 0)
                ? null
                : cpuMsPerExample / 1000 / cpuCores;
    }

    /** Creates figures without merged/unmerged detail. */
    public static InferenceFigures of(
            double latencyMsP50, double latencyMsP95, double throughputPerSecond, long modelBytes) {
        return new InferenceFigures(
                latencyMsP50,
                latencyMsP95,
                throughputPerSecond,
                modelBytes,
                null,
                null,
                null,
                null,
                null);
    }
}
