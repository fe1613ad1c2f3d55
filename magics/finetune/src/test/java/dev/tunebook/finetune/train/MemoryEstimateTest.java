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
        // MiniLM-L6: hidden 384, intermediate 1536, 6 layers, 12 heads, 22.7M parameters, 32 x 64
        ModelShape miniLm = new ModelShape(384, 6, 12, 0, 1536);
        MemoryEstimate full =
                MemoryEstimate.of(miniLm, 22_700_000, 22_700_000, false, 32, 64, Device.cpu())
                        .withMachine(200L << 20, -1);
        assertEquals(22_700_000L * 4, full.weights());
        assertEquals(200L << 20, full.runtime());
        assertEquals(22_700_000L * 4, full.gradients());
        assertEquals(22_700_000L * 8, full.optimizer());
        double perLayer = 16 * 384 + 5 * 1536 + 4 * 12 * 64; // values kept per token
        assertEquals((long) (32 * 64 * 6 * perLayer * 4 * 1.3), full.activations());
        MemoryEstimate head =
                MemoryEstimate.of(miniLm, 22_700_000, 770, true, 32, 64, Device.cpu());
        assertEquals(0, head.activations());
        assertEquals(4 * 384, new ModelShape(384, 6, 12, 0).intermediate());
    }

    @Test
    void aCausalModelAddsItsLogitsAndTheCpuAllocatorsHeldBlocks() {
        // Qwen2.5-0.5B, LoRA r=16 on every projection, 2 x 128: the bench measured 4420 MiB peak
        ModelShape qwen = new ModelShape(896, 24, 14, 151_936, 4864);
        MemoryEstimate e =
                MemoryEstimate.of(qwen, 502_831_232, 8_798_208, false, 2, 128, Device.cpu())
                        .withMachine(192L << 20, -1);
        double perToken = 24 * (16 * 896 + 5 * 4864 + 4 * 14 * 128) + 4 * 151_936;
        assertEquals((long) (256 * perToken * 4 * 1.3), e.activations());
        double ratio = e.total() / (4420.0 * 1048576);
        assertTrue(Math.abs(ratio - 1) < 0.15, "estimate / measured = " + ratio);
        assertEquals(
                (long) (256 * perToken * 4),
                MemoryEstimate.activations(qwen, false, 2, 128, true),
                "no CPU allocator factor on a GPU");
    }

    @Test
    void warnsWhenItMayNotFitAndRefusesWhenItSurelyWillNot() {
        MemoryEstimate tight =
                new MemoryEstimate(4L << 30, 0, 4L << 30, 8L << 30, 1L << 30, 8L << 30, "gpu 0");
        assertFalse(tight.fits());
        assertTrue(tight.surelyTooLarge());
        assertTrue(tight.describe().startsWith("WARNING: training may not fit"), tight.describe());
        assertTrue(tight.describe().contains("= 17408 MiB; free 8192 MiB"), tight.describe());
        String refusal = tight.refusal(8);
        assertTrue(refusal.startsWith("not started: training would add 13312 MiB"), refusal);
        assertTrue(refusal.contains("a shorter --max-length"), refusal);

        // weights already resident do not count against the free memory
        MemoryEstimate loaded =
                new MemoryEstimate(
                        20L << 30, 1L << 30, 1L << 20, 2L << 20, 4L << 30, 6L << 30, "cpu");
        assertTrue(loaded.fits());
        assertFalse(loaded.surelyTooLarge());

        // a little over: a warning, not a refusal (the estimate is good to about 15 %)
        MemoryEstimate near = new MemoryEstimate(0, 0, 0, 0, 11L << 30, 10L << 30, "cpu");
        assertFalse(near.fits());
        assertFalse(near.surelyTooLarge());

        // activations of 8 examples take 8 GiB, 3 GiB free: a micro-batch of 3 fits
        MemoryEstimate big = new MemoryEstimate(0, 0, 0, 0, 8L << 30, 3L << 30, "cpu");
        assertTrue(big.surelyTooLarge());
        assertTrue(big.refusal(8).contains("what fits: --batch 3"), big.refusal(8));

        MemoryEstimate unknown = new MemoryEstimate(1, 0, 1, 1, 1, -1, "cpu");
        assertTrue(unknown.fits());
        assertFalse(unknown.surelyTooLarge());
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
