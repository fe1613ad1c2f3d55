package dev.tunebook.kernel.jupyter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT into an interrupt of the running cell, for kernelspecs with {@code interrupt_mode:
 * signal}. Without it the JVM would exit on SIGINT. A process started with SIGINT ignored (from a
 * background shell job or nohup) cannot catch it: the JVM keeps an inherited ignore, unlike Python.
 * That is why kernelspecs default to {@code interrupt_mode: message}, and why the kernel says so in
 * its log when it finds SIGINT ignored.
 */
final class SignalInterrupt {
    private static final Logger LOG = LoggerFactory.getLogger(SignalInterrupt.class);

    private SignalInterrupt() {}

    /** Installs {@code onInterrupt} as the SIGINT handler; logs when the platform refuses. */
    static void install(Runnable onInterrupt) {
        try {
            SignalHandler previous = Signal.handle(new Signal("INT"), signal -> onInterrupt.run());
            if (previous == SignalHandler.SIG_IGN) {
                LOG.warn(
                        "SIGINT was ignored when the kernel started (background job or nohup);"
                                + " signal interrupts will not arrive, use interrupt_mode"
                                + " message");
            }
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "SIGINT cannot be handled here ({}); use interrupt_mode message",
                    e.getMessage());
        }
    }
}
