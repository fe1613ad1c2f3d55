package dev.tunebook.finetune.eval;

/** Hears how far a generation evaluation has got, batch by batch. */
@FunctionalInterface
public interface GenerationProgress {
    /** Ignores progress. */
    GenerationProgress NONE = (stage, done, total) -> {};

    /**
     * Called after each batch of {@code stage} ("scoring references" or "generating").
     *
     * @param done batches done so far, from 1
     * @param total batches of the stage
     */
    void batchDone(String stage, int done, int total);
}
