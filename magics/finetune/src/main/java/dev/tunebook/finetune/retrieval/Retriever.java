package dev.tunebook.finetune.retrieval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.eval.TextEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the passages most similar to a query: a sentence {@link TextEncoder} and an {@link
 * EmbeddingIndex} of passages it embedded. The query is embedded by the same encoder, and the
 * passages with the highest cosine come back, best first.
 *
 * <pre>{@code
 * Retriever packages = Retriever.builder()
 *         .setEncoder(new TextEncoder(bert, tokenizer), "all-MiniLM-L6-v2")
 *         .setPassages(names, descriptions)
 *         .optProgress((done, total) -> System.out.println(done + "/" + total))
 *         .build();
 * packages.retrieve("ping that tells which direction loses packets", 5);
 * packages.save(Path.of("packages.index"));
 * }</pre>
 *
 * <p>Instances are not thread-safe: they share the encoder.
 */
public final class Retriever {
    private final TextEncoder encoder;
    private final EncoderId encoderId;
    private final EmbeddingIndex index;
    private final int batchSize;

    private Retriever(TextEncoder encoder, EmbeddingIndex index, int batchSize) {
        this.encoder = encoder;
        this.encoderId = index.encoder();
        this.index = index;
        this.batchSize = batchSize;
    }

    /** Returns a builder that embeds passages into a new index. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the id of {@code encoder} under {@code name}: the name and its hidden size. */
    public static EncoderId encoderId(TextEncoder encoder, String name) {
        return new EncoderId(name, encoder.model().config().hiddenSize());
    }

    /**
     * Returns a retriever over an index stored in {@code file}, which queries with {@code encoder}.
     *
     * @throws IOException naming the file when it cannot be read or is not an index
     * @throws IllegalArgumentException naming both encoders when the index was built by another
     *     encoder (name or dimension) than {@code encoder}
     */
    public static Retriever load(Path file, TextEncoder encoder, String encoderName)
            throws IOException {
        EmbeddingIndex index = EmbeddingIndex.load(file);
        return of(index, encoder, encoderName, file.toString());
    }

    /**
     * Returns a retriever over {@code index}, which queries with {@code encoder}.
     *
     * @throws IllegalArgumentException naming both encoders when the index was built by another
     *     encoder than {@code encoder}
     */
    public static Retriever of(EmbeddingIndex index, TextEncoder encoder, String encoderName) {
        return of(index, encoder, encoderName, "the index");
    }

    private static Retriever of(
            EmbeddingIndex index, TextEncoder encoder, String encoderName, String what) {
        EncoderId query = encoderId(encoder, encoderName);
        if (!query.equals(index.encoder())) {
            throw new IllegalArgumentException(
                    what
                            + " was built with encoder "
                            + index.encoder()
                            + ", but the queries would be embedded by "
                            + query
                            + ": their vectors are not comparable. Query with "
                            + index.encoder().name()
                            + ", or rebuild the index with "
                            + query.name());
        }
        return new Retriever(encoder, index, 64);
    }

    /** Returns the index. */
    public EmbeddingIndex index() {
        return index;
    }

    /** Returns the encoder that embeds passages and queries. */
    public TextEncoder encoder() {
        return encoder;
    }

    /** Returns the id of the encoder. */
    public EncoderId encoderId() {
        return encoderId;
    }

    /** Returns the number of passages. */
    public int size() {
        return index.size();
    }

    /**
     * Returns the {@code k} passages most similar to {@code query}, best first.
     *
     * @throws IllegalArgumentException when {@code k} is below 1 or above the index size
     */
    public List<RetrievedPassage> retrieve(String query, int k) {
        index.checkK(k);
        return index.search(encoder.embed(query), k);
    }

    /**
     * Returns the {@code k} best passages for each query, embedding the queries in batches,
     * reporting progress after each and polling {@code cancellation} between them.
     *
     * @throws IllegalArgumentException when {@code k} is below 1 or above the index size
     * @throws java.util.concurrent.CancellationException once {@code cancellation} is cancelled
     */
    public List<List<RetrievedPassage>> retrieve(
            List<String> queries, int k, IndexProgress progress, Cancellation cancellation) {
        index.checkK(k);
        float[][] vectors =
                ChunkedEmbedding.embed(encoder, queries, batchSize, progress, cancellation);
        List<List<RetrievedPassage>> out = new ArrayList<>(queries.size());
        for (float[] v : vectors) {
            out.add(index.search(v, k));
        }
        return out;
    }

    /** Writes the index to {@code file} atomically ({@link EmbeddingIndex#save}). */
    public void save(Path file) throws IOException {
        index.save(file);
    }

    @Override
    public String toString() {
        return "Retriever[" + index.size() + " passages, " + encoderId + "]";
    }

    /** Builds a {@link Retriever} by embedding passages. */
    public static final class Builder {
        private TextEncoder encoder;
        private String encoderName;
        private List<String> ids;
        private List<String> passages;
        private int batchSize = 64;
        private IndexProgress progress = IndexProgress.NONE;
        private Cancellation cancellation;

        private Builder() {}

        /** Sets the encoder and the name its index records ({@code all-MiniLM-L6-v2}). */
        public Builder setEncoder(TextEncoder value, String name) {
            this.encoder = Objects.requireNonNull(value, "encoder");
            this.encoderName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Sets the passages and their ids, in the same order (ids may repeat). */
        public Builder setPassages(List<String> idList, List<String> texts) {
            this.ids = List.copyOf(idList);
            this.passages = List.copyOf(texts);
            return this;
        }

        /** Sets how many passages are embedded at once (default 64). */
        public Builder optBatchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("batch size " + value + ": expected 1 or more");
            }
            this.batchSize = value;
            return this;
        }

        /** Sets who hears the progress, once per batch. */
        public Builder optProgress(IndexProgress value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** Sets the token polled between batches (default {@link Cancellation#current()}). */
        public Builder optCancellation(Cancellation value) {
            this.cancellation = Objects.requireNonNull(value, "cancellation");
            return this;
        }

        /**
         * Embeds every passage and returns the retriever.
         *
         * @throws IllegalStateException when the encoder or the passages were not set
         * @throws IllegalArgumentException when ids and passages differ in number, there are none,
         *     or a passage is blank (naming its position and id)
         * @throws java.util.concurrent.CancellationException once the token is cancelled; nothing
         *     is kept
         */
        public Retriever build() {
            if (encoder == null || passages == null) {
                throw new IllegalStateException("setEncoder and setPassages are required");
            }
            if (ids.size() != passages.size()) {
                throw new IllegalArgumentException(
                        ids.size() + " ids for " + passages.size() + " passages");
            }
            if (passages.isEmpty()) {
                throw new IllegalArgumentException("no passages to index");
            }
            for (int i = 0; i < passages.size(); i++) {
                if (passages.get(i) == null || passages.get(i).isBlank()) {
                    throw new IllegalArgumentException(
                            "passage " + i + " (id " + ids.get(i) + ") is empty");
                }
            }
            EncoderId id = encoderId(encoder, encoderName);
            Cancellation token = cancellation != null ? cancellation : Cancellation.current();
            float[][] vectors =
                    ChunkedEmbedding.embed(encoder, passages, batchSize, progress, token);
            return new Retriever(encoder, EmbeddingIndex.of(id, ids, passages, vectors), batchSize);
        }
    }
}
