package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.Interrupts;
import java.util.concurrent.CountDownLatch;

/** Lets a test wait until a cell reached a point: the cell calls {@link #reached()}. */
public final class CellSignal {
    private static volatile CountDownLatch latch = new CountDownLatch(1);
    private static volatile boolean workFinished;

    private CellSignal() {}

    /** Called by cell code. */
    public static void reached() {
        latch.countDown();
    }

    /**
     * Busy-works for {@code millis} inside {@link Interrupts#cooperate()}, ignoring interrupts as
     * native code does, and returns whether an interrupt was requested meanwhile. Loaded by the
     * application class loader, so it has no stop checks: it stands for a library's training step.
     */
    public static boolean cooperativeWork(long millis) {
        workFinished = false;
        try (Interrupts.Cooperation polling = Interrupts.cooperate()) {
            reached();
            long end = System.nanoTime() + millis * 1_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            workFinished = true;
            return Interrupts.requested();
        }
    }

    /** Returns whether the last {@link #cooperativeWork} ran to its end. */
    static boolean workFinished() {
        return workFinished;
    }

    static void reset() {
        latch = new CountDownLatch(1);
    }

    static void await() throws InterruptedException {
        latch.await();
    }
}
