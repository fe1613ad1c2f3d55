package dev.tunebook.finetune.weights;

/**
 * Thrown before a model is loaded when its weights would not fit the device's free memory; the
 * message gives the estimate, the free memory and what would fit ({@link LoadMemoryCheck}).
 */
public final class NotEnoughMemoryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public NotEnoughMemoryException(String message) {
        super(message);
    }
}
