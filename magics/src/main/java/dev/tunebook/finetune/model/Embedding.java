package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;

/** A lookup table {@code weight [count, size]}; also serves as a tied output head. */
public final class Embedding extends Layer {
    private final Parameter weight;

    /** Creates a table of {@code count} vectors of {@code size} features. */
    public Embedding(long count, long size) {
        weight = addParameter("weight", new Shape(count, size));
    }

    /** Returns the rows for integer {@code ids}, shaped {@code ids.shape + [size]}. */
    public NDArray forward(NDArray ids) {
        return ids.getNDArrayInternal()
                .embedding(ids, array(weight), SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /** Returns {@code hidden W^T}: scores against every row, as a tied language-model head. */
    public NDArray attend(NDArray hidden) {
        return ai.djl.nn.core.Linear.linear(hidden, array(weight)).singletonOrThrow();
    }

    /** Returns the weight parameter. */
    public Parameter weight() {
        return weight;
    }
}
