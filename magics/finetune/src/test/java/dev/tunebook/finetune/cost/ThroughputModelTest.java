package dev.tunebook.finetune.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThroughputModelTest {
    private final ThroughputModel model = ThroughputModel.builtIn();

    @Test
    void projectionScalesByEffectiveThroughput() {
        // A100 312 x 0.35, H100 989 x 0.35: 100 s on A100 -> 100 * 312 / 989 s on H100.
        assertEquals(100 * 312.0 / 989, model.project(100, "A100", "H100"), 1e-9);
        // CPU 0.19 x 0.30 to T4 65 x 0.25
        assertEquals(3600 * 0.19 * 0.30 / (65 * 0.25), model.project(3600, "cpu", "T4"), 1e-9);
        assertEquals(42, model.project(42, "L4", "L4"), 1e-12);
    }

    @Test
    void flopsToSeconds() {
        // 989e12 * 0.35 FLOP/s on H100
        assertEquals(1.0, model.seconds(989e12 * 0.35, "H100"), 1e-12);
        assertEquals(
                2.0, model.with(new DeviceSpec("X", 1, 0.5, "test")).seconds(1e12, "x"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> model.seconds(1, "TPU"));
    }

    @Test
    void trainingFlopsFollowTheDocumentedFormulas() {
        long n = 1_000_000L;
        long p = 10_000L;
        long t = 1_000L;
        assertEquals(6.0 * n * t, TrainingFlops.training("full", n, n, t));
        assertEquals(4.0 * n * t + 2.0 * p * t, TrainingFlops.training("LoRA", n, p, t));
        assertEquals(2.0 * (n - p) * t + 6.0 * p * t, TrainingFlops.training("head", n, p, t));
        assertEquals(0.0, TrainingFlops.training("zero-shot", n, 0, t));
        assertEquals(2.0 * n * 128, TrainingFlops.inference(n, 128));
    }

    @Test
    void findsDeviceNamesInDeviceStrings() {
        assertEquals(Optional.of("H100"), DeviceNames.find("cuda:0 NVIDIA H100 80GB HBM3"));
        assertEquals(Optional.of("T4"), DeviceNames.find("Tesla T4"));
        assertEquals(Optional.of("L4"), DeviceNames.find("NVIDIA L4"));
        assertEquals(Optional.empty(), DeviceNames.find("NVIDIA L40S"));
        assertEquals(Optional.of("CPU"), DeviceNames.find("cpu()"));
        assertEquals(Optional.empty(), DeviceNames.find("gpu(0)"));
        assertEquals(Optional.empty(), DeviceNames.find(null));
    }
}
