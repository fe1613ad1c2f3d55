package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;

/** A lookup table {@code weight [count, size]}; also serves as a tied output head. */
public final class Embedding extends Layer {
    private final long count;

    /** Creates a table of {@code count} vectors of {@code size} features. */
    public Embedding(long count, long size) {
        this.count = count;
        addParameter("weight", new Shape(count, size));
    }

    /** Returns the rows for integer {@code ids}, shaped {@code ids.shape + [size]}. */
    public NDArray forward(NDArray ids) {
        return ids.getNDArrayInternal()
                .embedding(ids, array("weight"), SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /**
     * Checks that positions {@code [0, end)} fit a table of learned positions.
     *
     * @throws IllegalArgumentException naming the sequence length and the context size
     */
    public void checkPositions(long end) {
        if (end > count) {
            throw new IllegalArgumentException(
                    "A sequence of "
                            + end
                            + " positions exceeds the model's context of "
                            + count
                            + " (max_position_embeddings)");
        }
    }

    /** Returns {@code hidden W^T}: scores against every row, as a tied language-model head. */
    public NDArray attend(NDArray hidden) {
        return ai.djl.nn.core.Linear.linear(hidden, array("weight")).singletonOrThrow();
    }

    /** Returns the weight parameter. */
    public Parameter weight() {
        return parameter("weight");
    }
}
