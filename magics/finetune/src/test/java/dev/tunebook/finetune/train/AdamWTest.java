package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamWTest {
    private static final double[] RATES = {1e-2, 0.0, 5e-3, 2e-2, 1e-2, 1e-3, 3e-2};
    @TempDir Path dir;
    private NDManager manager;
    private final Random random = new Random(5);

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private float[] randoms(int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private Map<String, NDArray> parameters(float[] w, float[] b) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("layer.weight", manager.create(w).reshape(2, 3));
        params.put("layer.bias", manager.create(b));
        params.values().forEach(p -> p.setRequiresGradient(true));
        return params;
    }

    @Test
    void matchesTorchFormulasOverSeveralStepsWithWeightDecay() {
        float[] w = randoms(6, 1);
        float[] b = randoms(3, 1);
        Map<String, NDArray> params = parameters(w, b);
        TorchAdamWReference refW = new TorchAdamWReference(w, 0.9, 0.999, 1e-8, 0.1);
        TorchAdamWReference refB = new TorchAdamWReference(b, 0.9, 0.999, 1e-8, 0.1);
        try (AdamW adam = AdamW.builder().optWeightDecay(0.1).build()) {
            for (double lr : RATES) {
                float[] gw = randoms(6, 0.5);
                float[] gb = randoms(3, 1e-3);
                Gradients.set(params, Map.of("layer.weight", gw, "layer.bias", gb));
                adam.step(params, lr);
                refW.step(gw, lr);
                refB.step(gb, lr);
                assertClose(refW.param, params.get("layer.weight").toFloatArray());
                assertClose(refB.param, params.get("layer.bias").toFloatArray());
            }
            assertClose(refW.expAvg, adam.expAvg("layer.weight").toFloatArray());
            assertClose(refW.expAvgSq, adam.expAvgSq("layer.weight").toFloatArray());
            assertEquals(RATES.length, adam.steps("layer.bias"));
            float[] zeroed = params.get("layer.bias").getGradient().toFloatArray();
            assertArrayEquals(new float[3], zeroed, "gradients are zeroed after the step");
        }
    }

    @Test
    void excludedParametersAreNotDecayedAndFrozenOnesNotStepped() {
        float[] w = randoms(6, 1);
        float[] b = randoms(3, 1);
        Map<String, NDArray> params = parameters(w, b);
        TorchAdamWReference refW = new TorchAdamWReference(w, 0.8, 0.99, 1e-6, 0.0);
        try (AdamW adam =
                AdamW.builder()
                        .optBetas(0.8, 0.99)
                        .optEps(1e-6)
                        .optWeightDecay(0.5)
                        .optDecayed(name -> !name.endsWith("weight"))
                        .build()) {
            params.get("layer.bias").setRequiresGradient(false);
            for (int s = 0; s < 3; s++) {
                float[] gw = randoms(6, 0.1);
                Gradients.set(
                        Map.of("layer.weight", params.get("layer.weight")),
                        Map.of("layer.weight", gw));
                adam.step(params, 0.05);
                refW.step(gw, 0.05);
            }
            assertClose(refW.param, params.get("layer.weight").toFloatArray());
            assertArrayEquals(b, params.get("layer.bias").toFloatArray());
            assertEquals(0, adam.steps("layer.bias"));
        }
    }

    @Test
    void parametersTheBackwardPassNeverReachedAreLeftAlone() {
        float[] w = randoms(6, 1);
        float[] b = randoms(3, 1);
        Map<String, NDArray> params = parameters(w, b);
        try (AdamW adam = AdamW.builder().optWeightDecay(0.5).build()) {
            for (int s = 0; s < 2; s++) {
                Map<String, NDArray> used = Map.of("layer.weight", params.get("layer.weight"));
                Gradients.set(used, Map.of("layer.weight", randoms(6, 1)));
                adam.step(params, 0.1);
            }
            assertArrayEquals(b, params.get("layer.bias").toFloatArray(), "no decay, no step");
            assertEquals(0, adam.steps("layer.bias"));
            assertEquals(2, adam.steps("layer.weight"));
            assertEquals(
                    GradientClipping.globalNorm(params.values()),
                    GradientClipping.globalNorm(Map.of("w", params.get("layer.weight")).values()),
                    1e-9,
                    "the bias has no gradient to count");
        }
    }

    @Test
    void gradientScaleEqualsScalingTheGradientsFirst() {
        float[] w = randoms(6, 1);
        Map<String, NDArray> params = parameters(w, new float[3]);
        TorchAdamWReference ref = new TorchAdamWReference(w, 0.9, 0.999, 1e-8, 0.01);
        try (AdamW adam = AdamW.builder().build()) {
            for (int s = 0; s < 3; s++) {
                float[] g = randoms(6, 2);
                Gradients.set(params, Map.of("layer.weight", g, "layer.bias", new float[3]));
                adam.step(params, 0.01, 0.25);
                float[] scaled = new float[6];
                for (int i = 0; i < 6; i++) {
                    scaled[i] = g[i] * 0.25f;
                }
                ref.step(scaled, 0.01);
            }
            assertClose(ref.param, params.get("layer.weight").toFloatArray());
        }
    }

    @Test
    void savedStateResumesTheSameTrajectory() throws IOException {
        float[] w = randoms(6, 1);
        float[] b = randoms(3, 1);
        Map<String, NDArray> params = parameters(w, b);
        TorchAdamWReference ref = new TorchAdamWReference(w, 0.9, 0.999, 1e-8, 0.01);
        Path file = dir.resolve("optimizer.safetensors");
        try (AdamW first = AdamW.builder().build()) {
            for (int s = 0; s < 3; s++) {
                float[] g = randoms(6, 1);
                Gradients.set(params, Map.of("layer.weight", g, "layer.bias", randoms(3, 1)));
                first.step(params, 0.01);
                ref.step(g, 0.01);
            }
            first.save(file);
        }
        try (AdamW resumed = AdamW.builder().build()) {
            resumed.load(file, manager);
            assertEquals(3, resumed.steps("layer.weight"));
            for (int s = 0; s < 2; s++) {
                float[] g = randoms(6, 1);
                Gradients.set(params, Map.of("layer.weight", g, "layer.bias", randoms(3, 1)));
                resumed.step(params, 0.01);
                ref.step(g, 0.01);
            }
            assertClose(ref.param, params.get("layer.weight").toFloatArray());
        }
        try (AdamW other = AdamW.builder().optWeightDecay(0.2).build()) {
            IOException e = assertThrows(IOException.class, () -> other.load(file, manager));
            assertTrue(e.getMessage().contains("weight_decay"), e.getMessage());
        }
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-6 + 1e-5 * Math.abs(expected[i]);
            assertEquals(expected[i], actual[i], tolerance, "element " + i);
        }
    }
}
