package dev.tunebook.finetune.source;

import java.io.IOException;

/** Thrown when a model cannot be fetched from its source; the message says what to do. */
public class ModelSourceException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message naming the source and the remedy. */
    public ModelSourceException(String message) {
        super(message);
    }

    /** Creates an exception with a message naming the source and the remedy, and its cause. */
    public ModelSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
