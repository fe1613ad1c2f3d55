package dev.tunebook.kernel.jupyter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGINT into an interrupt of the running cell, for kernelspecs with {@code interrupt_mode:
 * signal} (Jupyter's default). Without it the JVM would exit on SIGINT.
 */
final class SignalInterrupt {
    private static final Logger LOG = LoggerFactory.getLogger(SignalInterrupt.class);

    private SignalInterrupt() {}

    /** Installs {@code onInterrupt} as the SIGINT handler; logs when the platform refuses. */
    static void install(Runnable onInterrupt) {
        try {
            Signal.handle(new Signal("INT"), signal -> onInterrupt.run());
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "SIGINT cannot be handled here ({}); use interrupt_mode message",
                    e.getMessage());
        }
    }
}
