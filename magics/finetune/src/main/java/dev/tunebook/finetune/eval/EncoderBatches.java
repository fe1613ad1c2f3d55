package dev.tunebook.finetune.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.IntStream;

/**
 * Runs an encoder over many texts in right-padded batches of similar length: each text is tokenised
 * with its special tokens and truncated to a limit (keeping the final token, BERT's {@code [SEP]}),
 * texts are sorted by length to waste little on padding, and each batch's output rows come back in
 * the order the texts were given.
 */
final class EncoderBatches {
    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final int batchSize;
    private final int maxLength;

    EncoderBatches(LanguageModel model, Tokenizer tokenizer, int batchSize, int maxLength) {
        if (batchSize < 1 || maxLength < 2) {
            throw new IllegalArgumentException(
                    "batch size must be >= 1 and max length >= 2: " + batchSize + ", " + maxLength);
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.batchSize = batchSize;
        this.maxLength = maxLength;
    }

    /**
     * Returns one row of floats per text: {@code forward(ids, mask)} must return {@code [batch, n]}
     * for the padded {@code [batch, width]} ids and 1/0 mask.
     */
    float[][] apply(List<String> texts, BinaryOperator<NDArray> forward) {
        return applyIds(texts.stream().map(this::tokenize).toArray(long[][]::new), forward);
    }

    /** As {@link #apply}, on inputs already tokenised. */
    float[][] applyIds(long[][] ids, BinaryOperator<NDArray> forward) {
        Integer[] order = IntStream.range(0, ids.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        float[][] out = new float[ids.length][];
        for (int start = 0; start < order.length; start += batchSize) {
            Cancellation.current().throwIfCancelled();
            int end = Math.min(order.length, start + batchSize);
            Integer[] batch = Arrays.copyOfRange(order, start, end);
            float[][] rows = batch(batch, ids, forward);
            for (int b = 0; b < batch.length; b++) {
                out[batch[b]] = rows[b];
            }
        }
        return out;
    }

    long[] tokenize(String text) {
        long[] ids = tokenizer.encode(text).ids();
        if (ids.length <= maxLength) {
            return ids;
        }
        long[] cut = Arrays.copyOf(ids, maxLength);
        cut[maxLength - 1] = ids[ids.length - 1];
        return cut;
    }

    private float[][] batch(Integer[] rows, long[][] ids, BinaryOperator<NDArray> forward) {
        int width = Math.max(1, ids[rows[rows.length - 1]].length);
        long[] flatIds = new long[rows.length * width];
        long[] flatMask = new long[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            long[] row = ids[rows[r]];
            System.arraycopy(row, 0, flatIds, r * width, row.length);
            Arrays.fill(flatMask, r * width, r * width + row.length, 1L);
        }
        Shape shape = new Shape(rows.length, width);
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray result =
                    forward.apply(scope.create(flatIds, shape), scope.create(flatMask, shape));
            result.attach(scope);
            float[] flat = result.toFloatArray();
            int n = flat.length / rows.length;
            float[][] out = new float[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = Arrays.copyOfRange(flat, r * n, (r + 1) * n);
            }
            return out;
        }
    }
}
