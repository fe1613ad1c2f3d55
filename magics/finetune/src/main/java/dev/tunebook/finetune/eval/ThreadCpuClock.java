package dev.tunebook.finetune.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * The CPU time the calling thread has used, in nanoseconds, or -1 where the JVM cannot tell. With
 * the engine on one thread, PyTorch computes on the thread that calls it, so this is the CPU time
 * of the request itself: it matched the whole process's CPU time within 2 % on MiniLM, and, unlike
 * the process's, it can be read around every single pass (a microsecond per reading) and leaves out
 * the kernel's and the JIT's other threads. Other processes on a shared machine do not add to it as
 * they add to wall-clock time, though they still slow the thread's own work somewhat (shared caches
 * and cores).
 */
public final class ThreadCpuClock implements LongSupplier {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean supported = threads.isCurrentThreadCpuTimeSupported();

    @Override
    public long getAsLong() {
        return supported ? threads.getCurrentThreadCpuTime() : -1;
    }

    /**
     * Returns the cores this process may use, the divisor that turns CPU time into machine time.
     */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
