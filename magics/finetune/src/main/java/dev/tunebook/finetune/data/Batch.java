package dev.tunebook.finetune.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.nn.OwnedArrays;

/**
 * A padded batch of examples as row-major {@code [batchSize, length]} arrays: input ids, attention
 * mask (1 for tokens, 0 for padding), and labels — per token for causal language modelling ({@value
 * #IGNORE_INDEX} where no loss is taken), or one class per row.
 *
 * @param batchSize rows
 * @param length tokens per row
 * @param inputIds token ids, padding filled with the pad id
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param labels {@code [batchSize, length]} token labels, or {@code [batchSize]} class labels
 * @param classLabels whether {@code labels} holds one class per row
 */
public record Batch(
        int batchSize,
        int length,
        long[] inputIds,
        long[] attentionMask,
        long[] labels,
        boolean classLabels) {

    /** The label that loss functions ignore, as in PyTorch's {@code CrossEntropyLoss}. */
    public static final int IGNORE_INDEX = -100;

    /** Returns the id at {@code row}, {@code column}. */
    public long inputId(int row, int column) {
        return inputIds[row * length + column];
    }

    /** Returns the token label at {@code row}, {@code column}. */
    public long label(int row, int column) {
        return labels[row * length + column];
    }

    /** Returns the number of real (non-padding) tokens. */
    public long tokenCount() {
        long count = 0;
        for (long m : attentionMask) {
            count += m;
        }
        return count;
    }

    /**
     * Returns {@code input_ids}, {@code attention_mask} and {@code labels} as int64 arrays in
     * {@code manager}, named as Hugging Face models name them.
     */
    public NDList toNDList(NDManager manager) {
        Shape shape = new Shape(batchSize, length);
        NDArray ids = OwnedArrays.of(manager, inputIds, shape);
        ids.setName("input_ids");
        NDArray mask = OwnedArrays.of(manager, attentionMask, shape);
        mask.setName("attention_mask");
        NDArray target =
                OwnedArrays.of(manager, labels, classLabels ? new Shape(batchSize) : shape);
        target.setName("labels");
        return new NDList(ids, mask, target);
    }
}
