package dev.tunebook.finetune.source;

/** Receives the progress of a download, e.g. to draw a progress bar. */
@FunctionalInterface
public interface DownloadProgress {
    /** A listener that ignores progress. */
    DownloadProgress NONE = (file, done, total) -> {};

    /**
     * Reports that {@code done} of {@code total} bytes of {@code file} are on disk ({@code total}
     * is -1 when the server does not say). Called from the downloading thread.
     */
    void update(String file, long done, long total);
}
