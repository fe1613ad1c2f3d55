package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;

/**
 * A learned map from the last axis of its input to a new last axis: a linear layer, GPT-2's Conv1D,
 * or an adapter wrapped around either. Results live in the input's manager.
 */
public interface Projection {
    /** Returns the projection of {@code input} ({@code [..., in]} to {@code [..., out]}). */
    NDArray forward(NDArray input);
}
