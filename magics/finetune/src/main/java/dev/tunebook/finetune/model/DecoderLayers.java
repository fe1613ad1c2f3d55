package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/**
 * The decoder loop GPT-2 and Llama share: the hidden states pass through every layer in turn, each
 * intermediate closed as soon as the next exists, and then through the final norm.
 */
final class DecoderLayers {
    private DecoderLayers() {}

    /** One decoder layer applied to the hidden states. */
    @FunctionalInterface
    interface Step {
        /** Returns layer {@code layer}'s output for {@code x} (which the loop closes). */
        NDArray forward(int layer, NDArray x);
    }

    /**
     * Returns {@code norm} of {@code x} after layers 0 to {@code layers - 1}; closes {@code x} and
     * every intermediate.
     */
    static NDArray run(NDArray x, int layers, Step step, UnaryOperator<NDArray> norm) {
        NDArray h = x;
        for (int i = 0; i < layers; i++) {
            NDArray next = step.forward(i, h);
            h.close();
            h = next;
        }
        NDArray normed = norm.apply(h);
        h.close();
        return normed;
    }
}
