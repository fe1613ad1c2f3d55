package dev.tunebook.kernel.jshell;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import jdk.jshell.JShell;

/**
 * Holds back JShell's classpath indexer while cells run and for a grace time after each (the
 * session's, half a second), so that cells run back to back never compete with it.
 *
 * <p>The indexer (one background thread of JShell's) walks every jar of the classpath and the JDK's
 * modules to list class names, which completion suggests imports from; it starts with the session
 * and again whenever {@code %maven} adds a jar. JShell suspends it while its {@code eval} runs, but
 * {@link FastCells} runs most cells without {@code eval}: in a fresh kernel the walk then took as
 * much CPU as the cells and made {@code 1+1} slower. Suspending and resuming are public methods of
 * JShell's analysis class, not of its API; they are reached by reflection, which the kernel's agent
 * allows. Where it does not, this does nothing.
 *
 * <p>Thread-safe.
 */
final class IndexingPause {
    private final JShell shell;
    private final Executor later;
    private Object analysis;
    private Method suspend;
    private Method resume;
    private boolean resolved;
    private int running;
    private long cells;
    private boolean held;

    /**
     * Pauses {@code shell}'s indexer, running the end of each grace time on {@code later} (the
     * session's delay after a cell). The indexer is looked up at the first cell, after the
     * session's startup, which the first cell waits for anyway.
     */
    IndexingPause(JShell shell, Executor later) {
        this.shell = shell;
        this.later = later;
    }

    /** A cell starts: the indexer waits until it has ended and the grace time has passed. */
    synchronized void cellStarts() {
        if (!resolved) {
            resolved = true;
            resolve();
        }
        running++;
        cells++;
        if (!held && call(suspend)) {
            held = true;
        }
    }

    /** A cell ended: the indexer goes on after the grace time, unless another cell starts. */
    synchronized void cellEnds() {
        running--;
        long cell = cells;
        later.execute(() -> release(cell));
    }

    /** Lets the indexer go on now (the session closes). */
    synchronized void close() {
        if (held) {
            held = false;
            call(resume);
        }
    }

    private synchronized void release(long cell) {
        if (cell == cells && running == 0 && held) {
            held = false;
            call(resume);
        }
    }

    private void resolve() {
        try {
            // The analysis starts the indexer when it is made; the first cell would make it.
            Object found = shell.sourceCodeAnalysis();
            Method on = found.getClass().getMethod("suspendIndexing");
            Method off = found.getClass().getMethod("resumeIndexing");
            on.setAccessible(true);
            off.setAccessible(true);
            analysis = found;
            suspend = on;
            resume = off;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Cells then compete with the indexer, as they did before this class.
        }
    }

    private boolean call(Method method) {
        if (method == null) {
            return false;
        }
        try {
            method.invoke(analysis);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
