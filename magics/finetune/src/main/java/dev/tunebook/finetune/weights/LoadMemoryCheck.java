package dev.tunebook.finetune.weights;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a checkpoint's weights fit the device before any of them is read: the parameter count
 * comes from the safetensors headers alone, and loading holds each weight once as float32 (4 bytes;
 * the loader widens BF16 and F16 as it reads, and {@code --dtype float16} converts only after the
 * load, so it does not lower this peak) plus a 5 % margin for the runtime. A model that does not
 * fit is refused with the figures and what would fit, instead of failing part-way with the machine
 * out of memory.
 *
 * @param parameters weights in the checkpoint
 * @param needed bytes the load needs at its peak
 * @param available bytes free on the device, or -1 when unknown
 * @param device the device, in words
 */
public record LoadMemoryCheck(long parameters, long needed, long available, String device) {
    /** Bytes per parameter while loading (float32). */
    static final int BYTES = 4;

    /** Returns the check for the safetensors weights in {@code folder} on {@code device}. */
    public static LoadMemoryCheck of(Path folder, Device device) throws IOException {
        long parameters = 0;
        for (Path file : WeightFiles.resolve(folder).files()) {
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                for (TensorInfo t : f.tensors().values()) {
                    parameters += t.elementCount();
                }
            }
        }
        return of(
                parameters,
                available(device),
                device.isGpu() ? "gpu " + device.getDeviceId() : "cpu");
    }

    /** Returns the check for {@code parameters} against {@code available} bytes. */
    public static LoadMemoryCheck of(long parameters, long available, String device) {
        return new LoadMemoryCheck(
                parameters, (long) (parameters * (double) BYTES * 1.05), available, device);
    }

    /** Returns whether the load fits (true when the free memory is unknown). */
    public boolean fits() {
        return available < 0 || needed <= available;
    }

    /** Returns the largest parameter count that would fit, 0 when unknown. */
    public long largestFitting() {
        return available < 0 ? 0 : (long) (available / (BYTES * 1.05));
    }

    /** Returns why the model is not loaded and what would fit. */
    public String refusal() {
        return String.format(
                Locale.ROOT,
                "not loaded: %.2f B parameters need %.1f GiB as float32 while loading (4 bytes each"
                        + " + 5 %%), and %s has %.1f GiB available. --dtype float16 does not lower"
                        + " this peak (weights are widened to float32 as they are read, then"
                        + " converted). What fits: a model of up to about %.2f B parameters here,"
                        + " or a device with at least %.1f GiB free.",
                parameters / 1e9,
                needed / GIB,
                device,
                available / GIB,
                largestFitting() / 1e9,
                needed / GIB);
    }

    /**
     * Throws unless the load fits.
     *
     * @throws NotEnoughMemoryException with {@link #refusal()}
     */
    public void require(Path folder) {
        if (!fits()) {
            throw new NotEnoughMemoryException(folder + ": " + refusal());
        }
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    /**
     * Returns the free bytes of {@code device}: on a GPU what CUDA reports free, on the CPU
     * MemAvailable of {@code /proc/meminfo} or else the JVM's heap headroom; -1 when unknown.
     */
    public static long available(Device device) {
        if (device.isGpu()) {
            try {
                MemoryUsage usage = CudaUtils.getGpuMemory(device);
                return usage.getMax() - usage.getCommitted();
            } catch (RuntimeException | LinkageError e) {
                return -1;
            }
        }
        long meminfo = memAvailable(Path.of("/proc/meminfo"));
        if (meminfo >= 0) {
            return meminfo;
        }
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Returns MemAvailable of a meminfo file in bytes, or -1 when it is missing or unreadable. */
    public static long memAvailable(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
