package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Scaled dot-product attention over {@code [batch, heads, length, headDim]} arrays. */
public final class DotProductAttention {
    private DotProductAttention() {}

    /**
     * Returns {@code softmax(q k^T * scale + mask) v}, shaped {@code [batch, heads, queries,
     * headDim]}.
     *
     * @param mask additive mask broadcastable to {@code [batch, heads, queries, keys]}
     */
    public static NDArray compute(NDArray q, NDArray k, NDArray v, NDArray mask, float scale) {
        return compute(q, k, v, mask, scale, null);
    }

    /** Returns {@link #compute} with {@code dropout} (may be null) on the attention weights. */
    public static NDArray compute(
            NDArray q, NDArray k, NDArray v, NDArray mask, float scale, Dropout dropout) {
        try (NDArray keysT = k.swapAxes(2, 3);
                NDArray scores = q.matMul(keysT);
                NDArray scaled = Scalars.mul(scores, scale);
                NDArray masked = scaled.add(mask);
                NDArray weights =
                        dropout == null ? softmax(masked) : dropout.replacing(softmax(masked))) {
            return weights.matMul(v);
        }
    }

    /** Returns the softmax over the last axis, computed in float32 as transformers does. */
    private static NDArray softmax(NDArray scores) {
        if (scores.getDataType() == DataType.FLOAT32) {
            return scores.softmax(-1);
        }
        try (NDArray wide = scores.toType(DataType.FLOAT32, false);
                NDArray weights = wide.softmax(-1)) {
            return weights.toType(scores.getDataType(), false);
        }
    }

    /** Returns {@code [batch, len, hidden]} split into {@code [batch, heads, len, headDim]}. */
    public static NDArray splitHeads(NDArray x, long heads, long headDim) {
        Shape s = x.getShape();
        try (NDArray shaped = x.reshape(s.get(0), s.get(1), heads, headDim)) {
            return shaped.swapAxes(1, 2);
        }
    }

    /** Returns {@code [batch, heads, len, headDim]} merged into {@code [batch, len, hidden]}. */
    public static NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        try (NDArray swapped = x.swapAxes(1, 2)) {
            return swapped.reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
        }
    }

    /**
     * Returns key/value heads repeated {@code groups} times each (head {@code h} of the result is
     * head {@code h / groups} of {@code x}), for grouped- and multi-query attention.
     */
    public static NDArray repeatKv(NDArray x, long groups) {
        Shape s = x.getShape();
        try (NDArray expanded = x.expandDims(2);
                NDArray broadcast =
                        expanded.broadcast(s.get(0), s.get(1), groups, s.get(2), s.get(3))) {
            return broadcast.reshape(s.get(0), s.get(1) * groups, s.get(2), s.get(3));
        }
    }
}
