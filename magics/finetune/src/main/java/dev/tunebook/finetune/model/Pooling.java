package dev.tunebook.finetune.model;

/** How an encoder's token states become one sentence embedding. */
public enum Pooling {
    /** The mean of the states of the real (unmasked) tokens, as sentence-transformers does. */
    MEAN,
    /** The state of the first token ({@code [CLS]}). */
    CLS
}
