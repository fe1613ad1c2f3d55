package dev.tunebook.magics;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.kernel.Interrupts;

/**
 * Jupyter's interrupt as the library's {@link Cancellation}: cancelled while the running cell was
 * asked to stop, and cooperating through {@link Interrupts#cooperate()}, so that the kernel lets a
 * first interrupt wait for the current step and checkpoint and forces the stop only at a second.
 * Registered as a service, so library code that is given no token polls this one in the kernel.
 *
 * <p>Thread-safe.
 */
public final class KernelCancellation implements Cancellation {
    @Override
    public boolean isCancelled() {
        return Interrupts.requested();
    }

    @Override
    public void throwIfCancelled() {
        Interrupts.throwIfRequested();
    }

    @Override
    public Scope cooperate() {
        Interrupts.Cooperation cooperation = Interrupts.cooperate();
        return cooperation::close;
    }
}
