package dev.tunebook.finetune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The factor of a product survives until the backward pass. DJL's {@code mul(Number)} wraps the
 * number in a Java direct buffer and closes it; freed and reused before backward, it turned LoRA
 * gradients into garbage. Here the buffer is freed and its memory refilled between forward and
 * backward, many times over.
 */
class ScalarsTest {
    @Test
    void gradientsThroughScalarOpsSurviveGarbageCollection() {
        // d/dx sum(3x + x^2 + 0.5 (x + 1)) = 3 + 2x + 0.5
        float[] expected = {5.5f, 7.5f, 9.5f};
        for (int round = 0; round < 30; round++) {
            assertArrayEquals(
                    expected,
                    gradient(
                            x -> {
                                try (NDArray a = Scalars.mul(x, 3);
                                        NDArray b = Scalars.pow(x, 2);
                                        NDArray c = Scalars.add(x, 1);
                                        NDArray d = Scalars.mul(c, 0.5);
                                        NDArray ab = a.add(b)) {
                                    return ab.add(d);
                                }
                            }),
                    1e-6f,
                    "round " + round);
        }
    }

    private static float[] gradient(UnaryOperator<NDArray> f) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3}).duplicate();
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                scribbleOverFreedBuffers();
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** Frees unreachable direct buffers, then fills fresh small ones with a loud value. */
    private static void scribbleOverFreedBuffers() {
        System.gc();
        List<ByteBuffer> fill = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1e30f);
            fill.add(b);
        }
        fill.clear();
    }
}
