package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * A linear layer as {@code torch.nn.Linear}: {@code weight [out, in]} and an optional {@code bias
 * [out]}; computes {@code x W^T + b} in one fused call.
 */
public final class Linear extends Layer implements Projection {
    private final Parameter weight;
    private final Parameter bias;
    private final long in;
    private final long out;

    /** Creates a linear layer from {@code in} to {@code out} features. */
    public Linear(long in, long out, boolean withBias) {
        this.in = in;
        this.out = out;
        weight = addParameter("weight", new Shape(out, in));
        bias = withBias ? addParameter("bias", new Shape(out)) : null;
    }

    @Override
    public NDArray forward(NDArray input) {
        NDArray b = bias == null ? null : array(bias);
        return ai.djl.nn.core.Linear.linear(input, array(weight), b).singletonOrThrow();
    }

    /** Returns the weight parameter ({@code [out, in]}). */
    public Parameter weight() {
        return weight;
    }

    /** Returns the bias parameter, or {@code null} when the layer has none. */
    public Parameter bias() {
        return bias;
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
