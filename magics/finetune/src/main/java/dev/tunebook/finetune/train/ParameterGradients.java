package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Reads a parameter's gradient the way PyTorch's optimizers see it: absent when no backward pass
 * reached the parameter. DJL's {@code getGradient} returns zeros instead, which would make AdamW
 * decay and step parameters that PyTorch leaves alone (an unused pooler, say).
 */
final class ParameterGradients {
    private ParameterGradients() {}

    /** Returns the gradient of {@code parameter}, or null when it has none; close it after use. */
    static NDArray of(NDArray parameter) {
        if (!parameter.hasGradient()) {
            return null;
        }
        if (parameter instanceof PtNDArray array) {
            return JniUtils.getGradient(array);
        }
        return parameter.getGradient();
    }
}
