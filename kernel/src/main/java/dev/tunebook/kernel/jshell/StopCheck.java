package dev.tunebook.kernel.jshell;

import java.util.Map;
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
    private static final Map<Thread, String> outOfMemory = new ConcurrentHashMap<>();
    private static volatile boolean anyStopping;

    private StopCheck() {}

    /**
     * Throws {@link CellInterruptedError} when the current thread was asked to stop, or once an
     * {@link OutOfMemoryError} when the heap guard stopped it.
     */
    public static void check() {
        if (anyStopping) {
            stopIfAsked(Thread.currentThread());
        }
    }

    private static void stopIfAsked(Thread current) {
        String reason = outOfMemory.remove(current);
        if (reason != null) {
            update();
            throw new OutOfMemoryError(reason);
        }
        if (stopping.contains(current)) {
            throw new CellInterruptedError();
        }
    }

    /** Asks {@code thread} to stop at its next check. */
    static void stop(Thread thread) {
        stopping.add(thread);
        anyStopping = true;
    }

    /** Makes the next check on {@code thread} throw an OutOfMemoryError saying {@code reason}. */
    static void outOfMemory(Thread thread, String reason) {
        outOfMemory.put(thread, reason);
        anyStopping = true;
    }

    /** Lets {@code thread} run again (called before its next cell). */
    static void release(Thread thread) {
        stopping.remove(thread);
        outOfMemory.remove(thread);
        update();
    }

    private static void update() {
        anyStopping = !stopping.isEmpty() || !outOfMemory.isEmpty();
    }
}
