package dev.tunebook.finetune.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.ModelConfig;
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
    /**
     * The largest activation a batch may allocate: under glibc's largest dynamic threshold (32
     * MiB), above which every allocation is a fresh memory mapping.
     */
    static final long ACTIVATION_BYTES = 24L << 20;

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
        for (int start = 0, end; start < order.length; start = end) {
            Cancellation.current().throwIfCancelled();
            end = end(order, ids, start);
            Integer[] batch = Arrays.copyOfRange(order, start, end);
            float[][] rows = batch(batch, ids, forward);
            for (int b = 0; b < batch.length; b++) {
                out[batch[b]] = rows[b];
            }
        }
        return out;
    }

    /**
     * Returns where the batch that starts at {@code start} of the length-sorted {@code order} ends:
     * at most {@code batchSize} rows, and fewer when its largest activation (the attention scores,
     * {@code heads × width²} floats a row, or the feed-forward layer's {@code intermediate ×
     * width}) would pass {@link #ACTIVATION_BYTES}. Larger blocks are mapped fresh from the
     * operating system on every allocation, and the page faults that fill them made 32 Debian
     * descriptions of 256 tokens take five times longer as one batch than one at a time.
     */
    private int end(Integer[] order, long[][] ids, int start) {
        int end = start + 1;
        while (end < order.length
                && end - start < batchSize
                && (end - start + 1) * rowBytes(ids[order[end]].length) <= ACTIVATION_BYTES) {
            end++;
        }
        return end;
    }

    private long rowBytes(int width) {
        ModelConfig config = model.config();
        long heads = config == null ? 12 : config.numHeads();
        long intermediate = config == null ? 4L * 768 : config.intermediateSize();
        return 4L * Math.max(heads * width * width, intermediate * width);
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
