package dev.tunebook.finetune.tokenize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns a byte-level BPE vocabulary from text, as Hugging Face's {@code BpeTrainer} does for
 * GPT-2-style tokenizers: the text is split into words by GPT-2's pattern ({@link ByteLevel}), each
 * word starts as its UTF-8 bytes, and the most frequent adjacent pair of tokens (counted over all
 * words, weighted by how often each word occurs) is merged into a new token, again and again, until
 * the vocabulary has {@link Builder#setVocabSize} tokens or no pair occurs {@link
 * Builder#optMinFrequency} times. Merges never cross word boundaries.
 *
 * <p>The result is deterministic: it depends only on the multiset of words, never on the order of
 * the texts, hash iteration or threads; ties go to the pair with the smaller ids. Learning from the
 * same texts gives the same {@code tokenizer.json}, byte for byte.
 *
 * <pre>{@code
 * BpeModel bpe = BpeTrainer.builder()
 *         .setVocabSize(8192)
 *         .optSpecialTokens(List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|pad|>"))
 *         .build()
 *         .train(texts);
 * bpe.writeTokenizerJson(folder.resolve("tokenizer.json"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BpeTrainer {
    private final int vocabSize;
    private final List<String> specialTokens;
    private final long minFrequency;

    private BpeTrainer(Builder builder) {
        this.vocabSize = builder.vocabSize;
        this.specialTokens = List.copyOf(builder.specialTokens);
        this.minFrequency = builder.minFrequency;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Learns the vocabulary from {@code texts}. */
    public BpeModel train(Iterable<String> texts) {
        Map<String, Long> wordCounts = new HashMap<>();
        for (String text : texts) {
            ByteLevel.split(text, word -> wordCounts.merge(word, 1L, Long::sum));
        }
        TreeMap<String, Long> sorted = new TreeMap<>(wordCounts);
        int firstByte = specialTokens.size();
        List<int[]> words = new ArrayList<>(sorted.size());
        long[] frequencies = new long[sorted.size()];
        int w = 0;
        for (Map.Entry<String, Long> entry : sorted.entrySet()) {
            int[] bytes = ByteLevel.bytes(entry.getKey());
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] += firstByte;
            }
            words.add(bytes);
            frequencies[w++] = entry.getValue();
        }
        List<String> tokens = new ArrayList<>(specialTokens);
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteLevel.charOf(b)));
        }
        return learn(new PairCounts(words, frequencies), tokens);
    }

    private BpeModel learn(PairCounts pairs, List<String> tokens) {
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            ids.put(tokens.get(id), id);
        }
        List<String> merges = new ArrayList<>();
        java.util.Set<String> recorded = new java.util.HashSet<>();
        while (tokens.size() < vocabSize) {
            long[] best = pairs.best(minFrequency);
            if (best == null) {
                break;
            }
            String left = tokens.get(PairCounts.left(best[1]));
            String right = tokens.get(PairCounts.right(best[1]));
            String merged = left + right;
            Integer id = ids.get(merged);
            if (id == null) {
                id = tokens.size();
                tokens.add(merged);
                ids.put(merged, id);
            }
            // A pair can form again after its merge (a later merge builds its left token next to
            // its right one); encoding applies the first rank again, so it is listed once.
            if (recorded.add(left + " " + right)) {
                merges.add(left + " " + right);
            }
            pairs.merge(best[1], id);
        }
        return new BpeModel(tokens, merges, specialTokens);
    }

    /** Builds a {@link BpeTrainer}. */
    public static final class Builder {
        private int vocabSize;
        private List<String> specialTokens = List.of();
        private long minFrequency = 2;

        private Builder() {}

        /**
         * Sets the size of the vocabulary to learn, special and byte tokens included (at least 256
         * plus the special tokens).
         */
        public Builder setVocabSize(int value) {
            this.vocabSize = value;
            return this;
        }

        /** Sets the special tokens, which take the first ids in this order (default none). */
        public Builder optSpecialTokens(List<String> value) {
            this.specialTokens = List.copyOf(value);
            return this;
        }

        /** Sets how often a pair must occur to be merged (default 2). */
        public Builder optMinFrequency(long value) {
            this.minFrequency = value;
            return this;
        }

        /**
         * Returns the trainer.
         *
         * @throws IllegalArgumentException when the vocabulary cannot hold the byte and special
         *     tokens, a special token is empty or repeated, or the minimum frequency is below 1
         */
        public BpeTrainer build() {
            if (vocabSize < 256 + specialTokens.size()) {
                throw new IllegalArgumentException(
                        "vocabulary size "
                                + vocabSize
                                + " cannot hold the 256 byte tokens and "
                                + specialTokens.size()
                                + " special tokens");
            }
            if (specialTokens.stream().anyMatch(String::isEmpty)
                    || specialTokens.stream().distinct().count() != specialTokens.size()) {
                throw new IllegalArgumentException(
                        "special tokens must be non-empty and distinct: " + specialTokens);
            }
            if (minFrequency < 1) {
                throw new IllegalArgumentException(
                        "minimum frequency must be at least 1, was " + minFrequency);
            }
            return new BpeTrainer(this);
        }
    }
}
