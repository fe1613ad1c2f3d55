package dev.tunebook.kernel.jshell;

import dev.tunebook.kernel.Interrupts;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs snippets in this JVM on one dedicated execution thread with a large stack, keeps the real
 * value objects (JShell itself only sees their keys), and stops a running snippet on request.
 *
 * <p>Stopping sets the {@link StopCheck} flag for the execution thread (instrumented code throws at
 * its next loop iteration) and interrupts it (sleeps, waits and interruptible I/O end). Code stuck
 * in uninstrumented library code gets {@code Thread.stop} after half a second where the JVM still
 * supports it (Java 17-19); if it is still running after 1.5 s, the thread is abandoned (it runs on
 * as a daemon) and a fresh one runs the next cell, so the session always answers again. Code inside
 * {@link Interrupts#cooperate()} is spared both at the first interrupt; a second one forces.
 *
 * <p>Thread-safe: {@link #stop()} may be called from any thread.
 */
final class SnippetExecutionControl extends DirectExecutionControl {
    private static final long STACK_SIZE = 64L << 20;
    private static final long FORCE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long ABANDON_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final AtomicLong threadNumbers = new AtomicLong();

    private final SnippetLoader loader;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong valueKeys = new AtomicLong();
    private volatile ExecutorService executor;
    private volatile Thread thread;
    private volatile boolean stopRequested;
    private volatile int stopsThisCell;
    private volatile long stopRequestedAt;
    private volatile Throwable lastFailure;
    private volatile Object lastVariable;
    private volatile boolean busy;

    SnippetExecutionControl(SnippetLoader loader) {
        super(loader);
        this.loader = loader;
    }

    /** Prepares for a new cell: clears the stop request, old values and the last failure. */
    void beginCell() {
        stopRequested = false;
        stopsThisCell = 0;
        values.clear();
        lastFailure = null;
        Thread current = thread;
        if (current != null) {
            StopCheck.release(current);
        }
    }

    /**
     * Returns what {@code action} returns, run as if no stop had been asked, then asks again: a
     * magic that stopped cleanly on an interrupt (a training run that saved its checkpoint) still
     * binds its result, and the cell still ends as interrupted.
     */
    <T> T despiteStop(Callable<T> action) throws Exception {
        if (!stopRequested) {
            return action.call();
        }
        Thread current = thread;
        boolean interrupted = Thread.interrupted();
        stopRequested = false;
        if (current != null) {
            StopCheck.release(current);
        }
        try {
            return action.call();
        } finally {
            stopRequested = true;
            if (current != null) {
                StopCheck.stop(current);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns true when {@link #stop()} was called since the cell began. */
    boolean stopRequested() {
        return stopRequested;
    }

    /** Returns and forgets the value object that JShell knows by {@code key}. */
    Object takeValue(String key) {
        Object value = key == null ? null : values.remove(key);
        return value == NullValue.INSTANCE ? null : value;
    }

    /** Returns the throwable of the last failed snippet of this cell, or null. */
    Throwable lastFailure() {
        return lastFailure;
    }

    /** Returns the object last read through {@link #varValue}. */
    Object lastVariable() {
        return lastVariable;
    }

    /** Returns the CPU time the execution thread has used, or -1 when unknown. */
    long executionCpuNanos() {
        Thread current = thread;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (current == null || !mx.isThreadCpuTimeSupported()) {
            return -1;
        }
        return current == Thread.currentThread()
                ? mx.getCurrentThreadCpuTime()
                : mx.getThreadCpuTime(current.getId());
    }

    /** Runs {@code task} on the execution thread (or directly when already on it). */
    <T> T runOnExecutionThread(Callable<T> task) throws Exception {
        if (Thread.currentThread() == thread) {
            return task.call();
        }
        Future<T> future =
                executor()
                        .submit(
                                () -> {
                                    Thread.interrupted();
                                    busy = true;
                                    try {
                                        return task.call();
                                    } finally {
                                        busy = false;
                                    }
                                });
        return await(future);
    }

    /**
     * Makes the running cell, if any, throw an OutOfMemoryError with {@code reason} at its next
     * stop check (the heap guard's way to stop it before the heap is full).
     */
    void outOfMemory(String reason) {
        Thread current = thread;
        if (busy && current != null) {
            StopCheck.outOfMemory(current, reason);
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object value;
        try {
            value = runOnExecutionThread(() -> doit.invoke(null));
        } catch (InvocationTargetException e) {
            lastFailure = e.getCause();
            throw e;
        } catch (Throwable e) {
            lastFailure = e;
            throw new InvocationTargetException(e);
        }
        String key = "tunebook-value-" + valueKeys.incrementAndGet();
        values.put(key, value == null ? NullValue.INSTANCE : value);
        return key;
    }

    /**
     * Runs a compiled cell's {@code doit} as {@link #invoke} runs JShell's, and returns its value
     * or throws what it threw.
     */
    Object call(Method doit) throws Throwable {
        try {
            return runOnExecutionThread(() -> doit.invoke(null));
        } catch (InvocationTargetException e) {
            lastFailure = e.getCause();
            throw e.getCause();
        } catch (Throwable e) {
            lastFailure = e;
            throw e;
        }
    }

    /** Returns the loader of snippet classes. */
    SnippetLoader loader() {
        return loader;
    }

    @Override
    public String varValue(String className, String varName) {
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            lastVariable = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            lastVariable = null;
        }
        return String.valueOf(lastVariable);
    }

    @Override
    public void stop() {
        Thread current = thread;
        if (current == null) {
            return;
        }
        stopRequestedAt = System.nanoTime();
        stopRequested = true;
        stopsThisCell++;
        StopCheck.stop(current);
        current.interrupt();
    }

    @Override
    public void close() {
        ExecutorService current = executor;
        if (current != null) {
            current.shutdownNow();
        }
    }

    /** Returns the class loader of snippets and added jars. */
    ClassLoader classLoader() {
        return loader.classLoader();
    }

    private <T> T await(Future<T> future) throws Exception {
        boolean forced = false;
        while (true) {
            try {
                return future.get(50, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof Exception ex ? ex : new InvocationTargetException(cause);
            } catch (TimeoutException e) {
                if (!stopRequested || patient()) {
                    continue;
                }
                long waited = System.nanoTime() - stopRequestedAt;
                if (!forced && waited > FORCE_AFTER_NANOS) {
                    forced = true;
                    forceStop();
                }
                if (waited > ABANDON_AFTER_NANOS) {
                    abandonThread();
                    throw new InvocationTargetException(new CellInterruptedError());
                }
            }
        }
    }

    /**
     * Returns true when code that polls {@link Interrupts#requested()} is running and this is the
     * cell's first interrupt: it is left to stop by itself, however long its step takes.
     */
    private boolean patient() {
        return stopsThisCell < 2 && Interrupts.cooperating(thread);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private void forceStop() {
        Thread current = thread;
        try {
            if (current != null) {
                current.stop();
            }
        } catch (UnsupportedOperationException e) {
            // Java 20+: the thread is abandoned instead if it does not stop by itself.
        }
    }

    private synchronized void abandonThread() {
        ExecutorService current = executor;
        executor = null;
        thread = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    private synchronized ExecutorService executor() {
        ExecutorService current = executor;
        if (current == null || current.isShutdown()) {
            current = Executors.newSingleThreadExecutor(this::newThread);
            executor = current;
        }
        return current;
    }

    private synchronized Thread newThread(Runnable task) {
        String name = "tunebook-cell-" + threadNumbers.incrementAndGet();
        Thread created = new Thread(null, task, name, STACK_SIZE);
        created.setDaemon(true);
        created.setContextClassLoader(loader.classLoader());
        thread = created;
        return created;
    }

    /** Stands for a null value in the map, which cannot hold null. */
    enum NullValue {
        INSTANCE
    }
}
