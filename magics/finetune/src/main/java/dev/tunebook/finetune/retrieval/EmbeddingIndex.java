package dev.tunebook.finetune.retrieval;

import dev.tunebook.finetune.eval.Vectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Passages, their ids and their unit-length embeddings, held in memory and searched exhaustively:
 * the cosine of a query with every passage, the best {@code k} returned. Records the {@link
 * EncoderId} that made the embeddings, and saves to and loads from one file ({@link #save}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EmbeddingIndex {
    private final EncoderId encoder;
    private final List<String> ids;
    private final List<String> passages;
    private final float[][] vectors;

    private EmbeddingIndex(
            EncoderId encoder, List<String> ids, List<String> passages, float[][] vectors) {
        this.encoder = encoder;
        this.ids = ids;
        this.passages = passages;
        this.vectors = vectors;
    }

    /**
     * Creates an index of {@code passages} under {@code ids} with their embeddings (copied and
     * scaled to unit length).
     *
     * @throws IllegalArgumentException when the lists differ in length, are empty, or a vector's
     *     length is not the encoder's dimension
     */
    public static EmbeddingIndex of(
            EncoderId encoder, List<String> ids, List<String> passages, float[][] vectors) {
        if (ids.size() != passages.size() || ids.size() != vectors.length) {
            throw new IllegalArgumentException(
                    ids.size()
                            + " ids, "
                            + passages.size()
                            + " passages and "
                            + vectors.length
                            + " vectors: expected as many of each");
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one passage");
        }
        float[][] unit = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != encoder.dimension()) {
                throw new IllegalArgumentException(
                        "vector "
                                + i
                                + " (id "
                                + ids.get(i)
                                + ") has length "
                                + vectors[i].length
                                + ", not "
                                + encoder);
            }
            unit[i] = Vectors.normalised(vectors[i]);
        }
        return new EmbeddingIndex(encoder, List.copyOf(ids), List.copyOf(passages), unit);
    }

    /** Returns the encoder that made the embeddings. */
    public EncoderId encoder() {
        return encoder;
    }

    /** Returns the number of passages. */
    public int size() {
        return ids.size();
    }

    /** Returns the passages' ids, in index order. */
    public List<String> ids() {
        return ids;
    }

    /** Returns the passages, in index order. */
    public List<String> passages() {
        return passages;
    }

    /** Returns a copy of the unit-length embedding of passage {@code i}. */
    public float[] vector(int i) {
        return vectors[i].clone();
    }

    /**
     * Returns the {@code k} passages most similar to {@code query} by cosine, best first; equal
     * scores keep index order.
     *
     * @throws IllegalArgumentException when {@code k} is below 1 or above {@link #size()}, or the
     *     query's length is not the encoder's dimension
     */
    public List<RetrievedPassage> search(float[] query, int k) {
        checkK(k);
        if (query.length != encoder.dimension()) {
            throw new IllegalArgumentException(
                    "a query embedding of length "
                            + query.length
                            + " cannot search an index built by "
                            + encoder);
        }
        float[] q = Vectors.normalised(query);
        // A min-heap of the best k so far: the root is the weakest kept passage.
        PriorityQueue<double[]> best =
                new PriorityQueue<>(
                        k,
                        (a, b) ->
                                a[0] != b[0]
                                        ? Double.compare(a[0], b[0])
                                        : Double.compare(b[1], a[1]));
        for (int i = 0; i < vectors.length; i++) {
            double score = Vectors.dot(q, vectors[i]);
            if (best.size() < k) {
                best.add(new double[] {score, i});
            } else if (score > best.peek()[0]) {
                best.poll();
                best.add(new double[] {score, i});
            }
        }
        List<double[]> sorted = new ArrayList<>(best);
        sorted.sort(
                (a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        List<RetrievedPassage> out = new ArrayList<>(k);
        for (double[] hit : sorted) {
            int i = (int) hit[1];
            out.add(new RetrievedPassage(out.size() + 1, ids.get(i), passages.get(i), hit[0]));
        }
        return out;
    }

    /**
     * Checks that {@code k} passages can be returned.
     *
     * @throws IllegalArgumentException naming k and the index size otherwise
     */
    public void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k " + k + ": expected 1 or more");
        }
        if (k > size()) {
            throw new IllegalArgumentException(
                    "k "
                            + k
                            + " is larger than the index, which holds "
                            + size()
                            + (size() == 1 ? " passage" : " passages")
                            + ": ask for at most "
                            + size());
        }
    }

    /**
     * Writes the index to {@code file} atomically (readers see the old file or the new one, never
     * half of it): a header naming the encoder, the ids and the passages, then the vectors.
     */
    public void save(Path file) throws IOException {
        IndexFile.write(file, this);
    }

    /**
     * Reads an index that {@link #save} wrote.
     *
     * @throws IOException naming the file and what is wrong with it (not an index, truncated, a
     *     header that does not match its vectors)
     */
    public static EmbeddingIndex load(Path file) throws IOException {
        return IndexFile.read(file);
    }

    float[][] vectors() {
        return vectors;
    }

    @Override
    public String toString() {
        return "EmbeddingIndex[" + size() + " passages, " + encoder + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingIndex other
                && encoder.equals(other.encoder)
                && ids.equals(other.ids)
                && passages.equals(other.passages)
                && Arrays.deepEquals(vectors, other.vectors);
    }

    @Override
    public int hashCode() {
        return encoder.hashCode() * 31 + ids.hashCode();
    }
}
