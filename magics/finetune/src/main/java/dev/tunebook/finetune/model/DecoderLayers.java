package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.tunebook.finetune.generate.KvCache;
import dev.tunebook.finetune.nn.AttentionMask;
import java.util.function.UnaryOperator;

/**
 * The decoder loop GPT-2 and Llama share: the causal mask of the new positions after those in the
 * cache, then the hidden states through every layer in turn, each intermediate closed as soon as
 * the next exists, and through the final norm.
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
     * Returns the additive causal mask of {@code inputIds [batch, length]} following the cache's
     * positions: padding keys ({@code attentionMask} 0) and, with a {@code window} above 0, keys
     * beyond the sliding window are masked.
     */
    static NDArray causalMask(
            NDArray inputIds, NDArray attentionMask, KvCache cache, int window, DataType type) {
        int length = (int) inputIds.getShape().get(1);
        int past = cache == null ? 0 : cache.length();
        return AttentionMask.causal(
                inputIds.getManager(),
                attentionMask == null ? null : attentionMask.toLongArray(),
                (int) inputIds.getShape().get(0),
                length,
                past + length,
                window,
                type);
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
