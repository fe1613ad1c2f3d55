package dev.tunebook.finetune;

import java.util.concurrent.CancellationException;

/**
 * A request to stop long work early, which the work polls between its steps: the {@code Trainer}
 * after every optimizer step (it then saves a checkpoint and ends the run as {@code interrupted}),
 * evaluations and baselines within a batch, downloads between chunks. Polling code throws {@link
 * CancellationException} or ends cleanly; it never stops in the middle of a step.
 *
 * <p>Work that is given no token polls {@link #current()}: the token of the innermost {@link
 * #enter()} scope on the calling thread, else the {@link #ambient()} one, which a host registers
 * through {@link java.util.ServiceLoader} (the tunebook kernel registers Jupyter's interrupt, so
 * library calls in a notebook cell stop on an interrupt as the magics do). A plain Java program
 * without such a host gets {@link #NONE} unless it passes its own, such as a {@link
 * CancellationSource}.
 *
 * <p>A host that can also stop a thread by force (the kernel does at a second interrupt) learns
 * through {@link #cooperate()} that the thread polls, and leaves it to stop by itself at the first
 * request however long its step takes. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Cancellation {
    /** A token that is never cancelled. */
    Cancellation NONE = () -> false;

    /** A span of work, closed when it ends. */
    interface Scope extends AutoCloseable {
        /** A scope that does nothing. */
        Scope NONE = () -> {};

        @Override
        void close();
    }

    /** Returns true once the work was asked to stop. */
    boolean isCancelled();

    /**
     * Throws {@link CancellationException} when the work was asked to stop: for loops inside code
     * that cannot throw checked exceptions.
     */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * Tells the host that the calling thread polls this token until the returned scope is closed;
     * the default tells no one. Hosts that stop threads by force override it; callers use {@link
     * #enter()}, which calls it.
     */
    default Scope cooperate() {
        return Scope.NONE;
    }

    /**
     * Makes this the calling thread's {@link #current()} token and {@link #cooperate cooperates}
     * until the returned scope is closed. Scopes nest; close them in reverse order (use
     * try-with-resources).
     */
    default Scope enter() {
        return CurrentCancellation.enter(this);
    }

    /**
     * Returns the calling thread's token: its innermost {@link #enter()}, else {@link #ambient()}.
     */
    static Cancellation current() {
        return CurrentCancellation.get();
    }

    /**
     * Returns the host's token: the first {@code Cancellation} registered as a service (in {@code
     * META-INF/services/dev.tunebook.finetune.Cancellation}) visible to the library's class loader,
     * else {@link #NONE}. Looked up once.
     */
    static Cancellation ambient() {
        return CurrentCancellation.ambient();
    }
}
