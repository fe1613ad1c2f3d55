package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Root-mean-square normalisation over the last axis, as Llama's {@code LlamaRMSNorm}. */
public final class RmsNorm extends Layer {
    private static final int[] LAST = {-1};
    private final float eps;

    /** Creates an RMS norm over {@code size} features. */
    public RmsNorm(long size, double eps) {
        this.eps = (float) eps;
        addParameter("weight", new Shape(size));
    }

    /**
     * Returns {@code weight * x / sqrt(mean(x^2) + eps)}; half-precision input is normalised in
     * float32, as transformers does.
     */
    public NDArray forward(NDArray input) {
        if (input.getDataType() != DataType.FLOAT32) {
            try (NDArray wide = input.toType(DataType.FLOAT32, false);
                    NDArray normed = normalize(wide);
                    NDArray narrow = normed.toType(input.getDataType(), false)) {
                return narrow.mul(array("weight"));
            }
        }
        try (NDArray normed = normalize(input)) {
            return normed.mul(array("weight"));
        }
    }

    private NDArray normalize(NDArray input) {
        try (NDArray squares = input.square();
                NDArray variance = squares.mean(LAST, true);
                NDArray shifted = Scalars.add(variance, eps);
                NDArray rms = shifted.sqrt()) {
            return input.div(rms);
        }
    }
}
