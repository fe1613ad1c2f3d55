package dev.tunebook.kernel;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The cooperative half of Jupyter's interrupt: long-running library code (a training loop, a
 * download) polls {@link #requested()} between steps and stops cleanly. The kernel sets the flag
 * when an interrupt arrives and clears it when the next cell starts. The kernel also stops user
 * code that does not poll, but code that polls can save its work first.
 *
 * <p>Code that polls says so with {@link #cooperate()}: while it runs, the kernel waits for it to
 * stop by itself at the first interrupt (a training step of a large model may take seconds) instead
 * of forcing the thread to stop after half a second, which could cut a step or a checkpoint in two.
 * A second interrupt forces the stop as usual.
 *
 * <p>Thread-safe.
 */
public final class Interrupts {
    private static volatile boolean requested;
    private static final Set<Thread> cooperating = ConcurrentHashMap.newKeySet();

    /** The span in which the calling thread polls {@link #requested()}; close it when done. */
    public interface Cooperation extends AutoCloseable {
        @Override
        void close();
    }

    private Interrupts() {}

    /** Returns true when the running cell was asked to stop. */
    public static boolean requested() {
        return requested;
    }

    /** Throws {@link InterruptedException} when the running cell was asked to stop. */
    public static void check() throws InterruptedException {
        if (requested) {
            throw new InterruptedException("interrupted by the user");
        }
    }

    /**
     * Declares that the calling thread polls {@link #requested()} until the returned span is
     * closed, so that a first interrupt lets it finish its step.
     */
    public static Cooperation cooperate() {
        Thread thread = Thread.currentThread();
        boolean added = cooperating.add(thread);
        return () -> {
            if (added) {
                cooperating.remove(thread);
            }
        };
    }

    /** Returns true while {@code thread} is inside a {@link #cooperate()} span. */
    public static boolean cooperating(Thread thread) {
        return thread != null && cooperating.contains(thread);
    }

    /**
     * Throws {@link CancellationException} when the running cell was asked to stop: the unchecked
     * form of {@link #check()}, for loops inside code that cannot throw checked exceptions.
     */
    public static void throwIfRequested() {
        if (requested) {
            throw new CancellationException("interrupted by the user");
        }
    }

    /**
     * Returns {@code future}'s value, waiting without reacting to interrupts: work that must not be
     * cut in two (a training step, a checkpoint) completes, and the caller's interrupt status is
     * restored afterwards for it to act on.
     *
     * @throws ExecutionException when the work failed
     */
    public static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Marks the running cell as asked to stop. Called by the kernel. */
    public static void request() {
        requested = true;
    }

    /** Clears the flag. Called by the kernel before each cell. */
    public static void clear() {
        requested = false;
    }
}
