package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The AdamW update of one large float32 parameter as in-place PyTorch ops. DJL's native {@code
 * adamUpdate} clones the gradient and allocates five more full-size temporaries, which for a large
 * tensor (the 11.7M-element word embedding of MiniLM) means fresh memory and page faults on every
 * step; this allocates two and works in the gradient, which the step zeroes anyway. It takes eleven
 * native calls instead of one, so small parameters keep the fused call. The result differs from the
 * fused update by float rounding only.
 */
final class LargeParameterUpdate {
    /** Parameters with at least this many elements are updated here. */
    static final long MIN_ELEMENTS = 1 << 18;

    private LargeParameterUpdate() {}

    /** Returns whether {@code parameter} is large enough, float32, and on PyTorch. */
    static boolean appliesTo(NDArray parameter) {
        return parameter instanceof PtNDArray
                && parameter.getDataType() == DataType.FLOAT32
                && parameter.size() >= MIN_ELEMENTS;
    }

    /**
     * Applies {@code p = p (1 - lr decay) - stepSize m / (sqrt(v) + eps)} after updating the
     * moments with {@code gradient * gradientScale}, then zeroes the parameter's gradient.
     */
    static void apply(
            NDArray parameter,
            NDArray gradient,
            MomentState moments,
            double beta1,
            double beta2,
            double lr,
            double gradientScale,
            double decay,
            double stepSize,
            double eps) {
        if (decay != 0) {
            parameter.muli(1 - lr * decay);
        }
        gradient.muli(gradientScale * (1 - beta1));
        moments.expAvg().muli(beta1).addi(gradient);
        // The gradient now holds (1 - beta1) * scale * g; this makes it (1 - beta2) * (scale *
        // g)^2.
        gradient.muli(gradient).muli((1 - beta2) / ((1 - beta1) * (1 - beta1)));
        moments.expAvgSq().muli(beta2).addi(gradient);
        try (NDArray denominator = moments.expAvgSq().sqrt();
                NDArray step = moments.expAvg().div(denominator.addi(eps))) {
            parameter.subi(step.muli(stepSize));
        }
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
