package dev.tunebook.kernel.jshell;

import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * Ends the kernel's JVM: the one way past the JVM-wide exit guard that {@link ExitAgent} puts into
 * {@code Runtime.exit} and {@code Runtime.halt} (and so {@code System.exit}). With the guard in
 * place, any other call of them, from a cell, a thread it started, a library or the JDK reflecting
 * on a cell's behalf, throws {@link SystemExitError} instead of ending the kernel. Without the
 * agent (a JVM started without {@code -javaagent}), these methods simply exit, and only direct
 * calls in cell code are caught ({@link SnippetInstrumenter}).
 *
 * <p>Thread-safe.
 */
public final class KernelExit {
    /**
     * What the guarded {@code Runtime.exit} and {@code Runtime.halt} call first, with the method's
     * name and the status; it throws unless the kernel itself is exiting. Public because {@code
     * java.lang.Runtime} finds it by reflection.
     */
    public static final ObjIntConsumer<String> GUARD = KernelExit::refuseUnlessExiting;

    private static volatile boolean exiting;
    private static volatile boolean guarded;

    private KernelExit() {}

    /** Ends the JVM with {@code status} through {@code System.exit} (shutdown hooks run). */
    public static void exit(int status) {
        permit("System.exit", status);
        System.exit(status);
    }

    /** Ends the JVM with {@code status} at once, through {@code Runtime.halt}. */
    public static void halt(int status) {
        permit("Runtime.halt", status);
        Runtime.getRuntime().halt(status);
    }

    /** Returns true when {@code Runtime.exit} and {@code Runtime.halt} carry the guard. */
    public static boolean guarded() {
        return guarded;
    }

    static void markGuarded() {
        guarded = true;
    }

    /**
     * Lets the exit through when the kernel's own classes ask; a cell, or a jar a cell added, that
     * calls this class gets the error a direct call gets.
     */
    private static void permit(String method, int status) {
        Class<?> caller =
                StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                        .walk(s -> s.skip(2).findFirst().orElseThrow().getDeclaringClass());
        if (caller.getClassLoader() != KernelExit.class.getClassLoader()) {
            throw new SystemExitError(method, status);
        }
        exiting = true;
    }

    private static void refuseUnlessExiting(String method, int status) {
        if (!exiting) {
            throw new SystemExitError(callerName(method), status);
        }
    }

    /** Returns "System.exit" when {@code System.exit} called {@code Runtime.exit}. */
    private static String callerName(String method) {
        List<String> frames =
                StackWalker.getInstance()
                        .walk(
                                s ->
                                        s.limit(16)
                                                .map(
                                                        f ->
                                                                f.getClassName()
                                                                        + "."
                                                                        + f.getMethodName())
                                                .toList());
        int runtime = frames.indexOf("java.lang.Runtime.exit");
        boolean viaSystem =
                runtime >= 0
                        && runtime + 1 < frames.size()
                        && frames.get(runtime + 1).equals("java.lang.System.exit");
        return viaSystem ? "System.exit" : method;
    }
}
