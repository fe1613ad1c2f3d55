package dev.tunebook.finetune.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which PyTorch records no autograd graph (as {@code torch.no_grad()}), for evaluation
 * and for computing cached embeddings. Grad mode is per thread in PyTorch, and a thread that never
 * opened a gradient collector has it on, so evaluation turns it off explicitly and restores it.
 */
final class NoGradient implements AutoCloseable {
    private final boolean pytorch;
    private final boolean previous;

    NoGradient() {
        pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        previous = pytorch && JniUtils.isGradMode();
        if (pytorch) {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public void close() {
        if (pytorch) {
            JniUtils.setGradMode(previous);
        }
    }
}
