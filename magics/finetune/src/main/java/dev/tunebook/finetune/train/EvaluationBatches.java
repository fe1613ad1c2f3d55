package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDManager;

/**
 * The evaluation loop every training task shares: the rows of a split in batches, without
 * gradients, each batch in its own scope, reporting each batch done; it sums what each batch adds
 * in batch order.
 */
final class EvaluationBatches {
    private EvaluationBatches() {}

    /** What one batch adds to the sum. */
    @FunctionalInterface
    interface Term {
        /** Returns the term of rows {@code start} (inclusive) to {@code end}; arrays in scope. */
        double of(int start, int end, NDManager scope);
    }

    /**
     * Returns the sum of {@code term} over the batches of {@code size} rows, {@code batchSize} at a
     * time, each computed in a sub-manager of {@code parent} that is closed after it.
     */
    static double sum(
            int size, int batchSize, NDManager parent, TrainingTask.Batches done, Term term) {
        double total = 0;
        int batches = (size + batchSize - 1) / batchSize;
        try (NoGradient off = new NoGradient()) {
            for (int start = 0; start < size; start += batchSize) {
                int end = Math.min(size, start + batchSize);
                try (NDManager scope = parent.newSubManager()) {
                    total += term.of(start, end, scope);
                }
                done.done(start / batchSize + 1, batches);
            }
        }
        return total;
    }
}
