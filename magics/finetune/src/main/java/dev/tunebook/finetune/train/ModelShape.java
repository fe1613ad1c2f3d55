package dev.tunebook.finetune.train;

/**
 * The sizes of a transformer that decide its training memory.
 *
 * @param hidden hidden size
 * @param layers transformer layers
 * @param heads attention heads
 * @param vocab vocabulary size (logits of a causal model), 0 for a classifier
 * @param intermediate width of the feed-forward layer
 */
public record ModelShape(long hidden, int layers, long heads, long vocab, long intermediate) {
    /** Returns a shape whose feed-forward layer is four times the hidden size, as BERT's. */
    public ModelShape(long hidden, int layers, long heads, long vocab) {
        this(hidden, layers, heads, vocab, 4 * hidden);
    }
}
