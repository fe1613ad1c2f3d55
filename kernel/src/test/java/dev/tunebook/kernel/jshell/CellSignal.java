package dev.tunebook.kernel.jshell;

import java.util.concurrent.CountDownLatch;

/** Lets a test wait until a cell reached a point: the cell calls {@link #reached()}. */
public final class CellSignal {
    private static volatile CountDownLatch latch = new CountDownLatch(1);

    private CellSignal() {}

    /** Called by cell code. */
    public static void reached() {
        latch.countDown();
    }

    static void reset() {
        latch = new CountDownLatch(1);
    }

    static void await() throws InterruptedException {
        latch.await();
    }
}
