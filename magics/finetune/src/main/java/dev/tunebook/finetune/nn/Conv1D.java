package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * GPT-2's {@code Conv1D}: a linear layer whose weight is stored transposed, {@code [in, out]}, with
 * a bias; computes {@code x W + b}.
 */
public final class Conv1D extends Layer implements Projection {

    /** Creates a Conv1D from {@code in} to {@code out} features. */
    public Conv1D(long in, long out) {
        addParameter("weight", new Shape(in, out));
        addParameter("bias", new Shape(out));
    }

    @Override
    public NDArray forward(NDArray input) {
        try (NDArray product = input.matMul(array("weight"))) {
            return product.add(array("bias"));
        }
    }

    /** Returns the weight parameter ({@code [in, out]}). */
    public Parameter weight() {
        return parameter("weight");
    }

    /** Returns the bias parameter. */
    public Parameter bias() {
        return parameter("bias");
    }
}
