package dev.tunebook.kernel.jshell;

/**
 * Thrown instead of ending the JVM when a cell calls {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt}: the kernel outlives the notebook's code. An {@link Error}, so that user
 * code catching {@code Exception} does not carry on as if nothing happened.
 */
public final class SystemExitError extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates the error for a call of {@code method} with {@code status}. */
    public SystemExitError(String method, int status) {
        super(method + "(" + status + ") was called; the kernel keeps running");
    }
}
