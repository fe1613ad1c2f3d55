package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryEstimateTest {
    @Test
    void countsWeightsGradientsAdamAndActivations() {
        // MiniLM-L6: hidden 384, 6 layers, 12 heads, 22.7M parameters, batch 32 x 64
        MemoryEstimate full =
                MemoryEstimate.of(
                        new ModelShape(384, 6, 12, 0),
                        22_700_000,
                        22_700_000,
                        false,
                        32,
                        64,
                        Device.cpu());
        assertEquals(22_700_000L * 4, full.weights());
        assertEquals(22_700_000L * 4, full.gradients());
        assertEquals(22_700_000L * 8, full.optimizer());
        double k = 17 + 2.5 * 12 * 64 / 384.0; // 22
        assertEquals((long) (32 * 64 * 384 * 6 * k * 4), full.activations());
        MemoryEstimate head =
                MemoryEstimate.of(
                        new ModelShape(384, 6, 12, 0), 22_700_000, 770, true, 32, 64, Device.cpu());
        assertEquals(0, head.activations());
    }

    @Test
    void warnsWhenItWillNotFit() {
        MemoryEstimate tight =
                new MemoryEstimate(4L << 30, 4L << 30, 8L << 30, 1L << 30, 8L << 30, "gpu 0");
        assertFalse(tight.fits());
        assertTrue(tight.describe().startsWith("WARNING: training may not fit"), tight.describe());
        assertTrue(tight.describe().contains("= 17408 MiB; free 8192 MiB"), tight.describe());
        MemoryEstimate unknown = new MemoryEstimate(1, 1, 1, 1, -1, "cpu");
        assertTrue(unknown.fits());
    }

    @Test
    void readsMemAvailable(@TempDir Path dir) throws IOException {
        Path meminfo =
                Files.writeString(
                        dir.resolve("meminfo"),
                        "MemTotal:       24684160 kB\nMemAvailable:   17590272 kB\n");
        assertEquals(17590272L * 1024, MemoryEstimate.memAvailable(meminfo));
        assertEquals(-1, MemoryEstimate.memAvailable(dir.resolve("missing")));
    }
}
