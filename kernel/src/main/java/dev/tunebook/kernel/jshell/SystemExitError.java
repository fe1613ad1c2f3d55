package dev.tunebook.kernel.jshell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * Thrown instead of ending the JVM when a cell calls {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt} (and, under the kernel's agent, when any code but {@link KernelExit} does,
 * by any route): the kernel outlives the notebook's code. An {@link Error}, so that user code
 * catching {@code Exception} does not carry on as if nothing happened.
 */
public final class SystemExitError extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates the error for a call of {@code method} with {@code status}. */
    public SystemExitError(String method, int status) {
        super(method + "(" + status + ") was called; the kernel keeps running");
    }

    /**
     * Returns the error {@code thrown} stands for: itself, or the one it wraps when reflection
     * wrapped it ({@code Method.invoke} and {@code java.beans} wrap what the called method throws);
     * null when {@code thrown} is not an exit refused.
     */
    static SystemExitError reachedThrough(Throwable thrown) {
        Throwable t = thrown;
        while (t instanceof InvocationTargetException
                || t instanceof UndeclaredThrowableException) {
            t = t.getCause();
        }
        return t instanceof SystemExitError exit ? exit : null;
    }
}
