package dev.tunebook.kernel.jshell;

/**
 * Carries a cell's {@link CellError} out of nested evaluation (a magic that evaluates code) up to
 * the session, which reports the error itself.
 */
public final class CellFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient CellError error;

    CellFailure(CellError error) {
        super(error.ename() + ": " + error.evalue(), null, false, false);
        this.error = error;
    }

    /** Returns the error to report. */
    public CellError error() {
        return error;
    }
}
