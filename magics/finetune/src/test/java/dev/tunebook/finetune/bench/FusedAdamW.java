package dev.tunebook.finetune.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.HashMap;
import java.util.Map;

/**
 * AdamW as DJL's one fused native {@code adamUpdate} call per parameter, for every parameter
 * whatever its size: what {@link dev.tunebook.finetune.train.AdamW} did before it sent large
 * parameters to in-place ops.
 *
 * <p>Instances are not thread-safe.
 */
final class FusedAdamW {
    private final Map<String, NDArray[]> state = new HashMap<>();
    private int t;

    /** Takes one step with gradients scaled by {@code scale}; the native call zeroes them. */
    void step(Map<String, NDArray> parameters, double lr, double scale) {
        t++;
        double correction1 = 1 - Math.pow(0.9, t);
        double correction2Sqrt = Math.sqrt(1 - Math.pow(0.999, t));
        parameters.forEach(
                (name, p) -> {
                    NDArray[] mv =
                            state.computeIfAbsent(
                                    name, n -> new NDArray[] {p.zerosLike(), p.zerosLike()});
                    try (NDArray g = JniUtils.getGradient((PtNDArray) p)) {
                        p.getNDArrayInternal()
                                .adamUpdate(
                                        new NDList(p, g, mv[0], mv[1]),
                                        new NDList(p),
                                        (float) lr,
                                        (float) (lr * correction2Sqrt / correction1),
                                        0.01f,
                                        (float) scale,
                                        -1f,
                                        0.9f,
                                        0.999f,
                                        (float) (1e-8 * correction2Sqrt),
                                        false,
                                        true);
                    }
                });
    }
}
