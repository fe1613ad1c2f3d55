package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Layer normalisation over the last axis with {@code weight} and {@code bias}. */
public final class LayerNorm extends Layer {
    private final Shape normalized;
    private final float eps;

    /** Creates a layer norm over {@code size} features. */
    public LayerNorm(long size, double eps) {
        this.normalized = new Shape(size);
        this.eps = (float) eps;
        addParameter("weight", normalized);
        addParameter("bias", normalized);
    }

    /** Returns the normalised input. */
    public NDArray forward(NDArray input) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(
                        input, normalized, array("weight"), array("bias"), eps)
                .singletonOrThrow();
    }
}
