package dev.tunebook.kernel.jshell;

/**
 * What instrumented snippet code calls instead of {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt}. Public only because snippet classes live in another class loader.
 */
public final class ExitGuard {
    private ExitGuard() {}

    /** Replaces {@code System.exit(status)}. */
    public static void systemExit(int status) {
        throw new SystemExitError("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new SystemExitError("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new SystemExitError("Runtime.halt", status);
    }
}
