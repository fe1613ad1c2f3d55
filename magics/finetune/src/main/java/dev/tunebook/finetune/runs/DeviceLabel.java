package dev.tunebook.finetune.runs;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The device name a run records, the same for every kind of run: {@code cpu}, or {@code cuda:N}
 * followed by the GPU's name as {@code nvidia-smi} reports it ({@code cuda:0 NVIDIA H100 80GB
 * HBM3}), which is what the cost model recognises. Without {@code nvidia-smi} the name is left out.
 */
public final class DeviceLabel {
    private static final Map<Integer, String> names = new ConcurrentHashMap<>();

    private DeviceLabel() {}

    /** Returns {@code cpu} or {@code cuda:N [GPU name]} for {@code device}. */
    public static String of(Device device) {
        if (!device.isGpu()) {
            return "cpu";
        }
        int id = device.getDeviceId();
        String name = names.computeIfAbsent(id, i -> gpuName("nvidia-smi", i));
        return name.isEmpty() ? "cuda:" + id : "cuda:" + id + " " + name;
    }

    /** Asks {@code command} (nvidia-smi) for GPU {@code id}'s name; empty when it cannot. */
    static String gpuName(String command, int id) {
        try {
            Process p =
                    new ProcessBuilder(
                                    List.of(
                                            command,
                                            "--query-gpu=name",
                                            "--format=csv,noheader",
                                            "-i",
                                            String.valueOf(id)))
                            .redirectErrorStream(true)
                            .start();
            try (InputStream out = p.getInputStream()) {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "";
                }
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
                return p.exitValue() == 0 && !text.contains("\n") ? text : "";
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
