package dev.tunebook.finetune.cost;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The throughput assumptions for one device.
 *
 * @param gpu the device name
 * @param peakTflops dense FP16/BF16 tensor peak (FP32 for CPU), in TFLOP/s
 * @param utilisation assumed achievable fraction of the peak when fine-tuning
 * @param source where the peak figure comes from
 */
public record DeviceSpec(
        @JsonProperty("gpu") String gpu,
        @JsonProperty("peak_tflops") double peakTflops,
        @JsonProperty("utilisation") double utilisation,
        @JsonProperty("source") String source) {

    /** Returns the assumed achieved FLOP/s: peak times utilisation. */
    public double effectiveFlopsPerSecond() {
        return peakTflops * 1e12 * utilisation;
    }
}
