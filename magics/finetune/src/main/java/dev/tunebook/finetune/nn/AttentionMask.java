package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Builds additive attention masks: {@code 0} where a query may attend to a key and the lowest float
 * where it may not, as transformers' eager attention does. A query whose keys are all masked (a
 * padded position under left padding) gets a uniform distribution instead of NaNs.
 */
public final class AttentionMask {
    private AttentionMask() {}

    /**
     * Returns a {@code [batch, 1, queries, keys]} mask for a decoder.
     *
     * @param keyMask {@code [batch, keys]} with 1 for real tokens, 0 for padding (may be null)
     * @param queries number of new positions; they are the last {@code queries} of the keys
     * @param keys number of keys (cached positions plus new ones)
     * @param window sliding-window size, or 0 for none
     */
    public static NDArray causal(
            NDManager manager, long[] keyMask, int batch, int queries, int keys, int window) {
        return causal(manager, keyMask, batch, queries, keys, window, DataType.FLOAT32);
    }

    /** Returns {@link #causal} as {@code dtype} (FLOAT32 or FLOAT16), with its lowest value. */
    public static NDArray causal(
            NDManager manager,
            long[] keyMask,
            int batch,
            int queries,
            int keys,
            int window,
            DataType dtype) {
        float blocked = lowest(dtype);
        if (keyMask != null && keyMask.length != batch * keys) {
            throw new IllegalArgumentException(
                    "attention_mask has "
                            + keyMask.length / Math.max(batch, 1)
                            + " positions per row but there are "
                            + keys
                            + " (cached plus new); it must cover both");
        }
        float[] mask = new float[batch * queries * keys];
        int past = keys - queries;
        for (int b = 0; b < batch; b++) {
            for (int q = 0; q < queries; q++) {
                int position = past + q;
                int row = (b * queries + q) * keys;
                for (int k = 0; k < keys; k++) {
                    boolean visible =
                            k <= position
                                    && (window <= 0 || position - k < window)
                                    && (keyMask == null || keyMask[b * keys + k] != 0);
                    mask[row + k] = visible ? 0f : blocked;
                }
            }
        }
        return as(OwnedArrays.of(manager, mask, new Shape(batch, 1, queries, keys)), dtype);
    }

    /**
     * Returns a {@code [batch, 1, 1, keys]} padding mask for an encoder, as {@code dtype} (FLOAT32
     * or FLOAT16).
     */
    public static NDArray padding(NDManager manager, NDArray attentionMask, DataType dtype) {
        Shape shape = attentionMask.getShape();
        try (NDArray asFloat = attentionMask.toType(DataType.FLOAT32, false);
                NDArray blocked = Scalars.sub(asFloat, 1f)) {
            NDArray additive = Scalars.mul(blocked, -lowest(dtype));
            NDArray reshaped = additive.reshape(shape.get(0), 1, 1, shape.get(1));
            additive.close();
            reshaped.attach(manager);
            return as(reshaped, dtype);
        }
    }

    /** Returns a {@code [batch, 1, 1, keys]} FLOAT32 padding mask for an encoder. */
    public static NDArray padding(NDManager manager, NDArray attentionMask) {
        return padding(manager, attentionMask, DataType.FLOAT32);
    }

    private static float lowest(DataType dtype) {
        return dtype == DataType.FLOAT16 ? -65504f : -Float.MAX_VALUE;
    }

    private static NDArray as(NDArray mask, DataType dtype) {
        if (mask.getDataType() == dtype) {
            return mask;
        }
        try (mask) {
            return mask.toType(dtype, false);
        }
    }
}
