package dev.tunebook.finetune.train;

/**
 * The sizes of a transformer that decide its training memory.
 *
 * @param hidden hidden size
 * @param layers transformer layers
 * @param heads attention heads
 * @param vocab vocabulary size (logits of a causal model), 0 for a classifier
 */
public record ModelShape(long hidden, int layers, long heads, long vocab) {}
