package dev.tunebook.kernel;

/**
 * The cooperative half of Jupyter's interrupt: long-running library code (a training loop, a
 * download) polls {@link #requested()} between steps and stops cleanly. The kernel sets the flag
 * when an interrupt arrives and clears it when the next cell starts. The kernel also stops user
 * code that does not poll, but code that polls can save its work first.
 *
 * <p>Thread-safe.
 */
public final class Interrupts {
    private static volatile boolean requested;

    private Interrupts() {}

    /** Returns true when the running cell was asked to stop. */
    public static boolean requested() {
        return requested;
    }

    /** Throws {@link InterruptedException} when the running cell was asked to stop. */
    public static void check() throws InterruptedException {
        if (requested) {
            throw new InterruptedException("interrupted by the user");
        }
    }

    /** Marks the running cell as asked to stop. Called by the kernel. */
    public static void request() {
        requested = true;
    }

    /** Clears the flag. Called by the kernel before each cell. */
    public static void clear() {
        requested = false;
    }
}
