package dev.tunebook.finetune;

/**
 * A {@link Cancellation} that its owner cancels: a plain Java program hands it to long work and
 * calls {@link #cancel()} from another thread (a shutdown hook, a UI button, a listener) to stop
 * that work cleanly. Cancelling cannot be undone.
 *
 * <p>Thread-safe.
 */
public final class CancellationSource implements Cancellation {
    private volatile boolean cancelled;

    /** Asks the work that polls this token to stop. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}
