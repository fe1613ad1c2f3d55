package dev.tunebook.finetune.data;

import java.io.IOException;

/**
 * Thrown by a {@link DatasetLoader} told to be strict about labels when a label occurs in {@code
 * val} or {@code test} but never in {@code train}. {@link #unseen()} names them and their counts.
 */
public final class UnseenLabelsException extends IOException {
    private final transient UnseenLabels unseen;

    /** Creates an exception for {@code unseen}, which must not be empty. */
    public UnseenLabelsException(String source, UnseenLabels unseen) {
        super(source + ": " + unseen.message());
        this.unseen = unseen;
    }

    /** Returns the labels missing from {@code train}, with their counts per split. */
    public UnseenLabels unseen() {
        return unseen;
    }
}
