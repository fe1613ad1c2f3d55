package dev.tunebook.kernel.jshell;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop check that instrumented snippet code calls at every method entry and before every
 * backward branch. It throws {@link CellInterruptedError} on a thread whose cell was interrupted.
 * Public only because snippet classes live in another class loader; not for user code.
 *
 * <p>Thread-safe. The fast path is one volatile read.
 */
public final class StopCheck {
    private static final Set<Thread> stopping = ConcurrentHashMap.newKeySet();
    private static volatile boolean anyStopping;

    private StopCheck() {}

    /** Throws {@link CellInterruptedError} when the current thread was asked to stop. */
    public static void check() {
        if (anyStopping && stopping.contains(Thread.currentThread())) {
            throw new CellInterruptedError();
        }
    }

    /** Asks {@code thread} to stop at its next check. */
    static void stop(Thread thread) {
        stopping.add(thread);
        anyStopping = true;
    }

    /** Lets {@code thread} run again (called before its next cell). */
    static void release(Thread thread) {
        stopping.remove(thread);
        anyStopping = !stopping.isEmpty();
    }
}
