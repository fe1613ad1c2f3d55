package dev.tunebook.kernel.jshell;

/**
 * Thrown into a running cell when the user interrupts it. An {@link Error}, so that user code
 * catching {@code Exception} does not swallow the interrupt.
 */
public final class CellInterruptedError extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates the error with the message the notebook shows. */
    public CellInterruptedError() {
        super("the cell was interrupted");
    }
}
