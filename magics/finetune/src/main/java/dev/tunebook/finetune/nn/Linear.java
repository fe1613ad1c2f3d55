package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * A linear layer as {@code torch.nn.Linear}: {@code weight [out, in]} and an optional {@code bias
 * [out]}; computes {@code x W^T + b} in one fused call.
 */
public final class Linear extends Layer implements Projection {
    private final long in;
    private final long out;

    /** Creates a linear layer from {@code in} to {@code out} features. */
    public Linear(long in, long out, boolean withBias) {
        this.in = in;
        this.out = out;
        addParameter("weight", new Shape(out, in));
        if (withBias) {
            addParameter("bias", new Shape(out));
        }
    }

    @Override
    public NDArray forward(NDArray input) {
        NDArray b = hasParameter("bias") ? array("bias") : null;
        return ai.djl.nn.core.Linear.linear(input, array("weight"), b).singletonOrThrow();
    }

    /** Returns the weight parameter ({@code [out, in]}). */
    public Parameter weight() {
        return parameter("weight");
    }

    /** Returns the bias parameter, or {@code null} when the layer has none. */
    public Parameter bias() {
        return hasParameter("bias") ? parameter("bias") : null;
    }

    /** Returns the number of input features. */
    public long inFeatures() {
        return in;
    }

    /** Returns the number of output features. */
    public long outFeatures() {
        return out;
    }
}
