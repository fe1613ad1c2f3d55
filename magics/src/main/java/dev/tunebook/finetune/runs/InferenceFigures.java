package dev.tunebook.finetune.runs;

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
        @JsonProperty("merged") InferenceFigures merged,
        @JsonProperty("unmerged") InferenceFigures unmerged) {

    /** Creates figures without merged/unmerged detail. */
    public static InferenceFigures of(
            double latencyMsP50, double latencyMsP95, double throughputPerSecond, long modelBytes) {
        return new InferenceFigures(
                latencyMsP50, latencyMsP95, throughputPerSecond, modelBytes, null, null, null);
    }
}
