package dev.tunebook.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heap guard's stop: one OutOfMemoryError that names the reason, then the thread runs on. */
class StopCheckTest {
    @AfterEach
    void release() {
        StopCheck.release(Thread.currentThread());
    }

    @Test
    void theHeapGuardsStopThrowsOnceWithItsReason() {
        StopCheck.outOfMemory(Thread.currentThread(), "the heap is nearly full");
        OutOfMemoryError error = assertThrows(OutOfMemoryError.class, StopCheck::check);
        assertEquals("the heap is nearly full", error.getMessage());
        assertDoesNotThrow(StopCheck::check);
    }

    @Test
    void anInterruptKeepsStoppingUntilReleased() {
        StopCheck.stop(Thread.currentThread());
        assertThrows(CellInterruptedError.class, StopCheck::check);
        assertThrows(CellInterruptedError.class, StopCheck::check);
        StopCheck.release(Thread.currentThread());
        assertDoesNotThrow(StopCheck::check);
    }

    @Test
    void otherThreadsAreNotStopped() throws InterruptedException {
        StopCheck.outOfMemory(Thread.currentThread(), "x");
        Throwable[] seen = new Throwable[1];
        Thread other =
                new Thread(
                        () -> {
                            try {
                                StopCheck.check();
                            } catch (Throwable t) {
                                seen[0] = t;
                            }
                        });
        other.start();
        other.join();
        assertEquals(null, seen[0]);
        assertThrows(OutOfMemoryError.class, StopCheck::check);
    }

    @Test
    void theMessageSaysWhatToDo() {
        String message = HeapGuard.message(5L << 30, 6L << 30);
        assertTrue(message.contains("5.00 of 6.00 GiB"), message);
        assertTrue(message.contains("--jvm-opt -Xmx"), message);
    }
}
