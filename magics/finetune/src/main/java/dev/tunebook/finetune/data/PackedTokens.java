package dev.tunebook.finetune.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.nn.OwnedArrays;
import java.util.List;

/**
 * Documents packed for language-model pretraining, as GPT-2 and Llama were trained: every
 * document's tokens followed by an end-of-text token, all documents end to end in one stream, cut
 * into rows of exactly {@code length} tokens. Every position is trained, a row may start
 * mid-document and hold the end of one document and the start of the next; the stream's last
 * partial row is dropped. Instances are immutable and thread-safe.
 */
public final class PackedTokens {
    private final int[] stream;
    private final int length;
    private final long documents;
    private final long tokens;

    private PackedTokens(int[] stream, int length, long documents, long tokens) {
        this.stream = stream;
        this.length = length;
        this.documents = documents;
        this.tokens = tokens;
    }

    /**
     * Packs {@code documents} (token ids, in order) with {@code endOfText} after each into rows of
     * {@code length}.
     *
     * @throws IllegalArgumentException when the length is below 2 or not even one row fills
     */
    public static PackedTokens pack(List<long[]> documents, int endOfText, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("rows need at least 2 tokens, not " + length);
        }
        long total = 0;
        for (long[] document : documents) {
            total += document.length + 1;
        }
        int rows = Math.toIntExact(total / length);
        if (rows == 0) {
            throw new IllegalArgumentException(
                    documents.size()
                            + " documents hold "
                            + total
                            + " tokens with end-of-text tokens, less than one row of "
                            + length);
        }
        int[] stream = new int[rows * length];
        int n = 0;
        for (long[] document : documents) {
            for (int i = 0; i <= document.length && n < stream.length; i++) {
                stream[n++] = i < document.length ? Math.toIntExact(document[i]) : endOfText;
            }
        }
        return new PackedTokens(stream, length, documents.size(), total);
    }

    /**
     * Returns these rows with a {@code fraction} of them, drawn with {@code seed}, made of their
     * first half twice: the second half of such a row can be predicted only by copying from the
     * first, which teaches a model to copy from its context (the induction heads that reading
     * retrieved passages needs). Document and token counts stay those of the packed text.
     *
     * @throws IllegalArgumentException when the fraction is not in [0, 1]
     */
    public PackedTokens withRepeats(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(
                    "repeat fraction must be in [0, 1], was " + fraction);
        }
        int[] copy = stream.clone();
        java.util.Random random = new java.util.Random(seed);
        int half = length / 2;
        for (int row = 0; row < rows(); row++) {
            if (random.nextDouble() < fraction) {
                int start = row * length;
                System.arraycopy(copy, start, copy, start + length - half, half);
            }
        }
        return new PackedTokens(copy, length, documents, tokens);
    }

    /** Returns the number of rows. */
    public int rows() {
        return stream.length / length;
    }

    /** Returns the tokens in a row. */
    public int length() {
        return length;
    }

    /** Returns how many documents were packed. */
    public long documents() {
        return documents;
    }

    /** Returns the tokens of all documents with their end-of-text tokens, before cutting. */
    public long tokens() {
        return tokens;
    }

    /** Returns a copy of row {@code row}. */
    public int[] row(int row) {
        int[] copy = new int[length];
        System.arraycopy(stream, row * length, copy, 0, length);
        return copy;
    }

    /**
     * Returns rows {@code rows} as an int64 array {@code [rows.length, length]} in {@code manager}.
     */
    public NDArray batch(int[] rows, NDManager manager) {
        long[] ids = new long[rows.length * length];
        for (int r = 0; r < rows.length; r++) {
            int start = rows[r] * length;
            for (int t = 0; t < length; t++) {
                ids[r * length + t] = stream[start + t];
            }
        }
        return OwnedArrays.of(manager, ids, new Shape(rows.length, length));
    }
}
