package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a number, safe under autograd. DJL's PyTorch {@code mul(Number)}, {@code
 * div(Number)}, {@code pow(Number)} and the like wrap the number in a tensor over a Java direct
 * buffer and close it at once; when autograd saved that tensor for the backward pass (the factor of
 * a product, the exponent of a power), the backward pass reads the buffer after the garbage
 * collector may have freed it, and gradients turn into garbage at random: inf or NaN a few hundred
 * steps into a LoRA run, wrong values before that. Here the number is a tensor that PyTorch owns,
 * which autograd keeps alive for as long as it needs it.
 *
 * <p>Use these in every forward computation; in-place updates outside autograd (optimizer steps)
 * may keep DJL's own scalar methods.
 */
public final class Scalars {
    private Scalars() {}

    /** Returns {@code x * value}. */
    public static NDArray mul(NDArray x, double value) {
        try (NDArray s = of(x, value)) {
            return x.mul(s);
        }
    }

    /** Returns {@code x + value}. */
    public static NDArray add(NDArray x, double value) {
        try (NDArray s = of(x, value)) {
            return x.add(s);
        }
    }

    /** Returns {@code x - value}. */
    public static NDArray sub(NDArray x, double value) {
        try (NDArray s = of(x, value)) {
            return x.sub(s);
        }
    }

    /** Returns {@code x ^ value}. */
    public static NDArray pow(NDArray x, double value) {
        try (NDArray s = of(x, value)) {
            return x.pow(s);
        }
    }

    /** Returns the element-wise maximum of {@code x} and {@code value}. */
    public static NDArray maximum(NDArray x, double value) {
        try (NDArray s = of(x, value)) {
            return x.maximum(s);
        }
    }

    /**
     * Returns {@code value} as a 0-d tensor of {@code like}'s type and device, owned by PyTorch.
     */
    public static NDArray of(NDArray like, double value) {
        return like.getManager()
                .full(new Shape(), (float) value, like.getDataType(), like.getDevice());
    }
}
