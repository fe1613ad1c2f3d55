package dev.tunebook.finetune.train;

import ai.djl.Device;
import dev.tunebook.finetune.weights.LoadMemoryCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What training will need in device memory, in bytes, before it starts: weights (4 bytes each), the
 * runtime beside them (on the CPU the process's resident memory beyond the weights, read when the
 * estimate is made), gradients and AdamW's two moments (4 + 8 bytes per trainable parameter), and
 * the activations kept for the backward pass.
 *
 * <p>Activations are counted as tunebook's layers keep them, in 4-byte values per token of a
 * micro-batch: per layer {@code 16 × hidden + 5 × intermediate + 4 × heads × seq} (the normed
 * inputs, projections, rotary and repeated key/value heads, attention scores with their scaled,
 * masked and softmaxed copies, the feed-forward layer's gate, up, activation and product), and for
 * a causal model {@code 4 × vocab} (logits, their log-softmax, and both gradients). On the CPU the
 * allocator holds freed blocks between steps, so the steady-state peak is {@value
 * #CPU_ALLOCATOR_FACTOR} times that (measured 1.18–1.34× the first step's on Qwen2.5-0.5B and the
 * workshop LM). A head on cached embeddings keeps no encoder activations.
 *
 * <p>Measured against peak RSS of a LoRA r=16 step on every projection (the LlmScaleBench shapes
 * and the workshop LM), the total falls within ±15 %. Whether training fits counts only what it
 * adds: the weights and runtime are resident already.
 *
 * @param weights bytes of all weights
 * @param runtime bytes the process holds beside the weights (0 where unknown or on a GPU)
 * @param gradients bytes of the trainable parameters' gradients
 * @param optimizer bytes of AdamW's state
 * @param activations bytes of activations of one micro-batch
 * @param available bytes free on the device, or -1 when unknown
 * @param device the device
 */
public record MemoryEstimate(
        long weights,
        long runtime,
        long gradients,
        long optimizer,
        long activations,
        long available,
        String device) {
    /** How much the CPU allocator's held blocks raise the activations' steady-state peak. */
    public static final double CPU_ALLOCATOR_FACTOR = 1.3;

    /** The estimate's error margin: runs are refused only beyond it. */
    public static final double MARGIN = 0.15;

    /**
     * Returns the estimate for a model of {@code shape} trained at {@code batch × seq} on {@code
     * device}, with the runtime and the free memory read from this machine now.
     */
    public static MemoryEstimate of(
            ModelShape shape,
            long totalParams,
            long trainableParams,
            boolean encoderFrozen,
            int batch,
            int seq,
            Device device) {
        long weights = totalParams * 4;
        return new MemoryEstimate(
                weights,
                device.isGpu() ? 0 : Math.max(0, residentBytes() - weights),
                trainableParams * 4,
                trainableParams * 8,
                activations(shape, encoderFrozen, batch, seq, device.isGpu()),
                available(device),
                device.isGpu() ? "gpu " + device.getDeviceId() : "cpu");
    }

    /** Returns the bytes of activations a micro-batch of {@code batch × seq} keeps. */
    static long activations(
            ModelShape shape, boolean encoderFrozen, int batch, int seq, boolean gpu) {
        double perLayer =
                16.0 * shape.hidden() + 5.0 * shape.intermediate() + 4.0 * shape.heads() * seq;
        double perToken = (encoderFrozen ? 0 : shape.layers() * perLayer) + 4.0 * shape.vocab();
        double bytes = (double) batch * seq * perToken * 4;
        return (long) (gpu ? bytes : bytes * CPU_ALLOCATOR_FACTOR);
    }

    /**
     * Returns a copy with the runtime's bytes and the free bytes given (another machine's figures,
     * or a test's).
     */
    public MemoryEstimate withMachine(long runtime, long available) {
        return new MemoryEstimate(
                weights, runtime, gradients, optimizer, activations, available, device);
    }

    /** Returns the total. */
    public long total() {
        return weights + runtime + gradients + optimizer + activations;
    }

    /** Returns what training adds to the memory in use when it starts. */
    public long added() {
        return gradients + optimizer + activations;
    }

    /**
     * Returns whether training would surely not fit: what it adds, less the estimate's margin of
     * {@value #MARGIN}, is more than the free memory. Such a run is refused before it starts; on
     * the CPU it would otherwise end the process when the system runs out of memory mid-step.
     */
    public boolean surelyTooLarge() {
        return available >= 0 && added() * (1 - MARGIN) > available;
    }

    /**
     * Returns why a run of micro-batch {@code batch} is not started and what would fit: the largest
     * micro-batch whose activations fit beside the gradients and AdamW, or else the other ways to
     * need less.
     */
    public String refusal(int batch) {
        long perExample = activations / Math.max(1, batch);
        long room = available - gradients - optimizer;
        long fitting = perExample <= 0 || room <= 0 ? 0 : room / perExample;
        String fits =
                fitting >= 1
                        ? "--batch "
                                + Math.min(fitting, Math.max(1, batch - 1))
                                + " (with --accumulate to keep the batch the optimizer sees)"
                        : "a shorter --max-length, --method lora or head, or a smaller model";
        return "not started: training would add "
                + mib(added())
                + " (gradients, AdamW and the activations of a micro-batch of "
                + batch
                + ") and "
                + device
                + " has "
                + mib(available)
                + " free; what fits: "
                + fits
                + ". "
                + describe();
    }

    /** Returns whether what training adds fits the free memory (true when that is unknown). */
    public boolean fits() {
        return available < 0 || added() <= available;
    }

    /** Returns a one-line summary, with a warning when it will not fit. */
    public String describe() {
        String line =
                String.format(
                        Locale.ROOT,
                        "memory estimate %s: weights %s + runtime %s + gradients %s + AdamW %s"
                                + " + activations %s = %s; free %s",
                        device,
                        mib(weights),
                        mib(runtime),
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

    /** Returns this process's resident bytes ({@code VmRSS}), or 0 where it cannot be read. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no procfs: the runtime is then not counted
        }
        return 0;
    }
}
