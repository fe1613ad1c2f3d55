package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Cross-entropy losses computed as transformers computes them. */
public final class CrossEntropy {
    /** The label that marks a position to ignore, as in PyTorch. */
    public static final long IGNORE_INDEX = -100;

    private CrossEntropy() {}

    /**
     * Returns the causal language-modelling loss: labels are shifted left by one inside (the token
     * at {@code t + 1} is the target for the logits at {@code t}), positions labelled {@code -100}
     * are ignored, and the result is the mean over the remaining positions.
     *
     * @param logits {@code [batch, length, vocab]}
     * @param labels {@code [batch, length]} integers
     */
    public static NDArray causal(NDArray logits, NDArray labels) {
        Shape s = labels.getShape();
        try (NDArray tail = labels.get(":, 1:");
                NDArray pad = tail.getManager().full(new Shape(s.get(0), 1), IGNORE_INDEX);
                NDArray padded = pad.toType(labels.getDataType(), false);
                NDArray shifted = NDArrays.concat(new NDList(tail, padded), 1)) {
            return mean(logits, shifted);
        }
    }

    /**
     * Returns the mean cross-entropy of {@code logits [batch, classes]} against {@code labels},
     * class ids that are never ignored: four autograd nodes instead of the masked mean's eight,
     * which is a tenth of a tiny model's step.
     */
    public static NDArray classification(NDArray logits, NDArray labels) {
        if (logits.getDataType() != DataType.FLOAT32) {
            try (NDArray wide = logits.toType(DataType.FLOAT32, false)) {
                return classification(wide, labels);
            }
        }
        try (NDArray index = labels.expandDims(-1);
                NDArray logp = logits.logSoftmax(-1);
                NDArray picked = logp.gather(index, -1);
                NDArray mean = picked.mean()) {
            return mean.neg();
        }
    }

    private static NDArray mean(NDArray logits, NDArray labels) {
        if (logits.getDataType() != DataType.FLOAT32) {
            // As transformers does: the loss of half-precision logits is computed in float32.
            try (NDArray wide = logits.toType(DataType.FLOAT32, false)) {
                return mean(wide, labels);
            }
        }
        try (NDArray valid = labels.neq(IGNORE_INDEX);
                NDArray weights = valid.toType(DataType.FLOAT32, false);
                NDArray zero = labels.zerosLike();
                NDArray target = NDArrays.where(valid, labels, zero);
                NDArray index = target.expandDims(-1);
                NDArray logp = logits.logSoftmax(-1);
                NDArray picked = logp.gather(index, -1);
                NDArray flat = picked.squeeze(-1);
                NDArray kept = flat.mul(weights);
                NDArray total = kept.sum();
                NDArray count = weights.sum()) {
            NDArray ratio = total.div(count);
            NDArray loss = ratio.neg();
            ratio.close();
            return loss;
        }
    }
}
