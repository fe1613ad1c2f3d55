package dev.tunebook.finetune.data;

import java.util.Arrays;
import java.util.List;

/**
 * Turns examples into a {@link Batch}: truncates each to the maximum length, pads to the longest in
 * the batch (dynamic padding) on the right with the pad id, builds the attention mask, and sets
 * labels to {@value Batch#IGNORE_INDEX} on padding and on tokens that are not trained. Instances
 * are immutable.
 */
public final class Collator {
    private final int padId;
    private final int maxLength;

    private Collator(Builder builder) {
        this.padId = builder.padId;
        this.maxLength = builder.maxLength;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the maximum length examples are truncated to. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Collates {@code examples}, which must all be causal or all classification.
     *
     * @throws IllegalArgumentException when the list is empty or mixes kinds
     */
    public Batch collate(List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to collate");
        }
        boolean classification = examples.get(0).isClassification();
        int length =
                examples.stream().mapToInt(e -> Math.min(e.length(), maxLength)).max().orElse(0);
        int rows = examples.size();
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] labels = new long[classification ? rows : rows * length];
        Arrays.fill(ids, padId);
        Arrays.fill(labels, Batch.IGNORE_INDEX);
        for (int row = 0; row < rows; row++) {
            Example example = examples.get(row);
            if (example.isClassification() != classification) {
                throw new IllegalArgumentException(
                        "example " + row + " mixes classification and causal examples");
            }
            fillRow(example, row * length, ids, mask, classification ? null : labels);
            if (classification) {
                labels[row] = example.classLabel();
            }
        }
        return new Batch(rows, length, ids, mask, labels, classification);
    }

    private void fillRow(Example example, int offset, long[] ids, long[] mask, long[] labels) {
        int n = Math.min(example.length(), maxLength);
        for (int t = 0; t < n; t++) {
            int id = example.inputIds()[t];
            ids[offset + t] = id;
            mask[offset + t] = 1;
            if (labels != null && example.labelMask()[t]) {
                labels[offset + t] = id;
            }
        }
    }

    /** Builds a {@link Collator}. */
    public static final class Builder {
        private Integer padId;
        private int maxLength = Integer.MAX_VALUE;

        private Builder() {}

        /** Sets the id padding is filled with. */
        public Builder setPadId(int value) {
            this.padId = value;
            return this;
        }

        /** Sets the length examples are truncated to (keeping their first tokens). */
        public Builder optMaxLength(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("max length must be >= 1, was " + value);
            }
            this.maxLength = value;
            return this;
        }

        /** Returns the collator. */
        public Collator build() {
            if (padId == null) {
                throw new IllegalStateException("setPadId is required");
            }
            return new Collator(this);
        }
    }
}
