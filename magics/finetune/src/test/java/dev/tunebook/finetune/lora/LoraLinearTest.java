package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.tunebook.finetune.nn.Conv1D;
import dev.tunebook.finetune.nn.Embedding;
import dev.tunebook.finetune.nn.Linear;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LoraLinear's forward pass, merge and unmerge on both weight layouts, and dropout. */
class LoraLinearTest {
    private final Random random = new Random(7);

    @Test
    void addsScaledLowRankUpdateToLinear() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear base = new Linear(3, 2, true);
            float[] w = fill(m, base.weight(), 2, 3);
            float[] b = fill(m, base.bias(), 2);
            LoraLinear lora = new LoraLinear(base, 1, 2.0, 0);
            float[] a = fill(m, lora.loraA(), 1, 3);
            float[] up = fill(m, lora.loraB(), 2, 1);
            float[] x = {0.5f, -1f, 2f};
            float[] got = lora.forward(m.create(x, new Shape(1, 3))).toFloatArray();
            float down = a[0] * x[0] + a[1] * x[1] + a[2] * x[2];
            for (int o = 0; o < 2; o++) {
                float want = b[o] + 2 * up[o] * down;
                for (int i = 0; i < 3; i++) {
                    want += w[o * 3 + i] * x[i];
                }
                assertTrue(Math.abs(want - got[o]) < 1e-5, "output " + o);
            }
        }
    }

    @Test
    void mergeAndUnmergeOnConv1DLayout() {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv1D base = new Conv1D(4, 6);
            float[] w = fill(m, base.weight(), 4, 6);
            fill(m, base.bias(), 6);
            LoraLinear lora = new LoraLinear(base, 2, 0.5, 0);
            assertTrue(lora.fanInFanOut());
            fill(m, lora.loraA(), 2, 4);
            fill(m, lora.loraB(), 6, 2);
            NDArray x = m.randomNormal(new Shape(3, 4));
            float[] unmerged = lora.forward(x).toFloatArray();
            lora.merge();
            lora.merge(); // a second merge must not add the update twice
            assertClose(unmerged, lora.forward(x).toFloatArray(), 1e-5f);
            assertFalse(Arrays.equals(w, base.weight().getArray().toFloatArray()));
            lora.unmerge();
            assertClose(w, base.weight().getArray().toFloatArray(), 1e-6f);
            assertClose(unmerged, lora.forward(x).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void dropoutOnlyWhileTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear base = new Linear(64, 8, false);
            fill(m, base.weight(), 8, 64);
            LoraLinear lora = new LoraLinear(base, 4, 1.0, 0.5);
            fill(m, lora.loraA(), 4, 64);
            fill(m, lora.loraB(), 8, 4);
            NDArray x = m.ones(new Shape(2, 64));
            float[] eval = lora.forward(x).toFloatArray();
            assertArrayEquals(eval, lora.forward(x).toFloatArray(), 0f);
            lora.setTraining(true);
            assertFalse(Arrays.equals(eval, lora.forward(x).toFloatArray()));
        }
    }

    @Test
    void refusesLayersWithoutAWeightMatrix() {
        assertThrows(
                IllegalArgumentException.class, () -> new LoraLinear(new Embedding(4, 2), 1, 1, 0));
    }

    private float[] fill(NDManager m, Parameter parameter, long... shape) {
        float[] values = new float[(int) new Shape(shape).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        parameter.setArray(m.create(values, new Shape(shape)));
        return values;
    }

    private static void assertClose(float[] want, float[] got, float tolerance) {
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= tolerance, i + ": " + want[i] + " " + got[i]);
        }
    }
}
