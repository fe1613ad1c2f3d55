package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Parameters large enough for {@link LargeParameterUpdate}'s in-place path follow torch's AdamW as
 * the small ones do, with clipping scale and weight decay, beside a small parameter on the fused
 * path, and have their gradient zeroed.
 */
class LargeParameterUpdateTest {
    private static final int LARGE = (int) LargeParameterUpdate.MIN_ELEMENTS + 3;
    private final Random random = new Random(11);

    @Test
    void largeAndSmallParametersMatchTorchOverSeveralScaledSteps() {
        float[] big = randoms(LARGE, 1);
        float[] small = randoms(7, 1);
        TorchAdamWReference refBig = new TorchAdamWReference(big, 0.9, 0.999, 1e-8, 0.05);
        TorchAdamWReference refSmall = new TorchAdamWReference(small, 0.9, 0.999, 1e-8, 0.05);
        try (NDManager manager = NDManager.newBaseManager();
                AdamW adam = AdamW.builder().optWeightDecay(0.05).build()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("big", manager.create(big));
            params.put("small", manager.create(small));
            params.values().forEach(p -> p.setRequiresGradient(true));
            assertTrue(LargeParameterUpdate.appliesTo(params.get("big")));
            double[] scales = {1.0, 0.25, 0.5};
            double[] rates = {1e-2, 3e-3, 2e-2};
            for (int s = 0; s < scales.length; s++) {
                float[] gBig = randoms(LARGE, s == 1 ? 1e-4 : 0.5);
                float[] gSmall = randoms(7, 0.5);
                Gradients.set(params, Map.of("big", gBig, "small", gSmall));
                adam.step(params, rates[s], scales[s]);
                refBig.step(scaled(gBig, scales[s]), rates[s]);
                refSmall.step(scaled(gSmall, scales[s]), rates[s]);
            }
            assertClose(refBig.param, params.get("big").toFloatArray());
            assertClose(refBig.expAvg, adam.expAvg("big").toFloatArray());
            assertClose(refBig.expAvgSq, adam.expAvgSq("big").toFloatArray());
            assertClose(refSmall.param, params.get("small").toFloatArray());
            for (float g : params.get("big").getGradient().toFloatArray()) {
                assertEquals(0f, g, "gradients are zeroed after the step");
            }
        }
    }

    private float[] randoms(int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static float[] scaled(float[] values, double scale) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) (values[i] * scale);
        }
        return out;
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-6 + 1e-5 * Math.abs(expected[i]);
            if (Math.abs(expected[i] - actual[i]) > tolerance) {
                assertEquals(expected[i], actual[i], tolerance, "element " + i);
            }
        }
    }
}
