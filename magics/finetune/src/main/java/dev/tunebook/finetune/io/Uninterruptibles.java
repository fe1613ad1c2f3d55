package dev.tunebook.finetune.io;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits that an interrupt of the waiting thread does not cut short. */
public final class Uninterruptibles {
    private Uninterruptibles() {}

    /**
     * Returns {@code future}'s value, waiting without reacting to interrupts: work that must not be
     * cut in two (a training step, a checkpoint) completes, and the caller's interrupt status is
     * restored afterwards for it to act on.
     *
     * @throws ExecutionException when the work failed
     */
    public static <T> T getUninterruptibly(Future<T> future) throws ExecutionException {
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
}
