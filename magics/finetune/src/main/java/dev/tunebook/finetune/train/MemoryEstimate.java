package dev.tunebook.finetune.train;

import ai.djl.Device;
import dev.tunebook.finetune.weights.LoadMemoryCheck;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What training will need in device memory, in bytes, before it starts: weights (4 bytes each),
 * gradients and AdamW's two moments (4 + 8 bytes per trainable parameter), and activations kept for
 * the backward pass, {@code batch × seq × hidden × layers × k × 4} bytes with {@code k = 17 + 2.5 ×
 * heads × seq / hidden}. That k is Korthikanti et al. (2022)'s per-layer count of {@code sbh(34 +
 * 5as/h)} bytes of 16-bit activations, halved to count 32-bit values. A causal model adds its
 * logits ({@code batch × seq × vocab}, three copies: logits, log-softmax, gradient). A head on
 * cached embeddings keeps no encoder activations. It is an estimate (within a factor of about 2);
 * it warns rather than refuses.
 *
 * @param weights bytes of all weights
 * @param gradients bytes of the trainable parameters' gradients
 * @param optimizer bytes of AdamW's state
 * @param activations bytes of activations of one micro-batch
 * @param available bytes free on the device, or -1 when unknown
 * @param device the device
 */
public record MemoryEstimate(
        long weights,
        long gradients,
        long optimizer,
        long activations,
        long available,
        String device) {

    /** Returns the estimate for a model of {@code shape} trained at {@code batch × seq}. */
    public static MemoryEstimate of(
            ModelShape shape,
            long totalParams,
            long trainableParams,
            boolean encoderFrozen,
            int batch,
            int seq,
            Device device) {
        double k = 17 + 2.5 * shape.heads() * seq / Math.max(1, shape.hidden());
        long activations =
                encoderFrozen
                        ? 0
                        : (long) (batch * (double) seq * shape.hidden() * shape.layers() * k * 4);
        activations += 3L * batch * seq * shape.vocab() * 4;
        return new MemoryEstimate(
                totalParams * 4,
                trainableParams * 4,
                trainableParams * 8,
                activations,
                available(device),
                device.isGpu() ? "gpu " + device.getDeviceId() : "cpu");
    }

    /** Returns the total. */
    public long total() {
        return weights + gradients + optimizer + activations;
    }

    /** Returns whether the total fits the free memory (true when that is unknown). */
    public boolean fits() {
        return available < 0 || total() <= available;
    }

    /** Returns a one-line summary, with a warning when it will not fit. */
    public String describe() {
        String line =
                String.format(
                        Locale.ROOT,
                        "memory estimate %s: weights %s + gradients %s + AdamW %s + activations %s"
                                + " = %s; free %s",
                        device,
                        mib(weights),
                        mib(gradients),
                        mib(optimizer),
                        mib(activations),
                        mib(total()),
                        available < 0 ? "unknown" : mib(available));
        return fits()
                ? line
                : "WARNING: training may not fit in memory (lower --batch or --max-length, or use"
                        + " --method lora or head): "
                        + line;
    }

    private static String mib(long bytes) {
        if (bytes < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    /**
     * Returns the free bytes of {@code device}: on a GPU what CUDA reports free, on the CPU the
     * smaller of MemAvailable in {@code /proc/meminfo} and the JVM's {@code maxMemory} headroom
     * when MemAvailable is unknown; -1 when neither can be read.
     */
    static long available(Device device) {
        return LoadMemoryCheck.available(device);
    }

    static long memAvailable(Path meminfo) {
        return LoadMemoryCheck.memAvailable(meminfo);
    }
}
