package dev.tunebook.finetune.retrieval;

/**
 * Hears how far embedding a list of texts has come, once per batch: what {@code %index} turns into
 * a progress bar. Called on the thread doing the work.
 */
@FunctionalInterface
public interface IndexProgress {
    /** Hears nothing. */
    IndexProgress NONE = (done, total) -> {};

    /** Reports that {@code done} of {@code total} texts are embedded. */
    void update(int done, int total);
}
