package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** Root-mean-square normalisation over the last axis, as Llama's {@code LlamaRMSNorm}. */
public final class RmsNorm extends Layer {
    private static final int[] LAST = {-1};
    private final Parameter weight;
    private final float eps;

    /** Creates an RMS norm over {@code size} features. */
    public RmsNorm(long size, double eps) {
        this.eps = (float) eps;
        weight = addParameter("weight", new Shape(size));
    }

    /** Returns {@code weight * x / sqrt(mean(x^2) + eps)}. */
    public NDArray forward(NDArray input) {
        try (NDArray squares = input.square();
                NDArray variance = squares.mean(LAST, true);
                NDArray shifted = variance.add(eps);
                NDArray rms = shifted.sqrt();
                NDArray normed = input.div(rms)) {
            return normed.mul(array(weight));
        }
    }
}
