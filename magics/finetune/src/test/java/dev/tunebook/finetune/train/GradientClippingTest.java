package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    private static Map<String, NDArray> withGradients(NDManager manager) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("a", manager.create(new float[] {1, 1}));
        params.put("b", manager.create(new float[] {1}));
        params.values().forEach(p -> p.setRequiresGradient(true));
        Gradients.set(params, Map.of("a", new float[] {-3, 4}, "b", new float[] {-12}));
        return params;
    }

    @Test
    void clipsTheGlobalNormIncludingNegativeGradients() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = withGradients(manager);
            double norm = GradientClipping.clip(params.values(), 1.0);
            assertEquals(13.0, norm, 1e-5);
            float c = (float) (1.0 / (13.0 + 1e-6));
            assertArrayEquals(
                    new float[] {-3 * c, 4 * c},
                    params.get("a").getGradient().toFloatArray(),
                    1e-7f);
            assertArrayEquals(
                    new float[] {-12 * c}, params.get("b").getGradient().toFloatArray(), 1e-7f);
            assertEquals(1.0, GradientClipping.globalNorm(params.values()), 1e-5);
        }
    }

    @Test
    void leavesSmallGradientsAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = withGradients(manager);
            assertEquals(13.0, GradientClipping.clip(params.values(), 20.0), 1e-5);
            assertArrayEquals(new float[] {-3, 4}, params.get("a").getGradient().toFloatArray());
            assertEquals(1.0, GradientClipping.coefficient(13.0, 20.0));
            assertEquals(0.5 / (1 + 1e-6), GradientClipping.coefficient(1.0, 0.5), 1e-15);
        }
    }
}
