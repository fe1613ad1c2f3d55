package dev.tunebook.kernel.jupyter;

/**
 * Keeps the kernel's own threads alive while a cell exhausts the heap. When a cell fills the heap,
 * any thread that allocates gets an {@link OutOfMemoryError}, not only the cell's; a socket loop
 * that let it escape would die and take the kernel's protocol with it. The loops catch it, pause
 * here so the cell's failure can unwind and free its memory, and go on.
 */
final class HeapExhaustion {
    /** How long a loop waits after an OutOfMemoryError before it tries again. */
    static final long PAUSE_MS = 100;

    private HeapExhaustion() {}

    /**
     * Loads this class ahead of time: loading it inside a catch block, with the heap full, would
     * fail in its turn.
     */
    static void load() {}

    /** Waits {@link #PAUSE_MS}; keeps the interrupt flag. Allocates nothing. */
    static void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
