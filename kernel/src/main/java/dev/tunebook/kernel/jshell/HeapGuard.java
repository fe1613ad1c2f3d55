package dev.tunebook.kernel.jshell;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import javax.management.Notification;
import javax.management.NotificationEmitter;

/**
 * Stops a cell that is filling the heap before the heap is full. Cells run in the kernel's JVM, so
 * when one exhausts the heap every thread that allocates fails with it, the kernel's socket threads
 * and ZeroMQ's I/O thread included, and a dead I/O thread leaves a kernel that no client can reach.
 *
 * <p>When the old generation's usage crosses the limit (system property {@value #PROPERTY}, a
 * fraction of its maximum, default {@value #DEFAULT_LIMIT}; 0 turns the guard off), the guard
 * collects garbage and, if the live data are still over the limit, makes the running cell throw an
 * {@link OutOfMemoryError} that says so at its next stop check. The JVM notifies crossings, so the
 * guard costs nothing while memory is below the limit.
 *
 * <p>Thread-safe.
 */
final class HeapGuard {
    static final String PROPERTY = "tunebook.heapLimit";
    static final double DEFAULT_LIMIT = 0.9;

    private static final Set<Consumer<String>> cells = new CopyOnWriteArraySet<>();
    private static volatile MemoryPoolMXBean pool;
    private static volatile long limit;
    private static boolean installed;

    private HeapGuard() {}

    /** Starts guarding the cells that {@code stopCell} stops (with the message it is given). */
    static void watch(Consumer<String> stopCell) {
        install();
        cells.add(stopCell);
    }

    /** Stops guarding the cells of a closed session. */
    static void unwatch(Consumer<String> stopCell) {
        cells.remove(stopCell);
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        double fraction = fraction();
        Optional<MemoryPoolMXBean> tenured = tenuredPool();
        if (fraction <= 0 || tenured.isEmpty()) {
            return;
        }
        pool = tenured.get();
        limit = (long) (pool.getUsage().getMax() * fraction);
        pool.setUsageThreshold(limit);
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean())
                .addNotificationListener((n, handback) -> onNotification(n), null, null);
    }

    private static double fraction() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            double fraction = Double.parseDouble(value.trim());
            return fraction > 0 && fraction < 1 ? fraction : 0;
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    /** The heap pool with a usage threshold and a known maximum: G1's Old Gen, Tenured, ... */
    private static Optional<MemoryPoolMXBean> tenuredPool() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .filter(MemoryPoolMXBean::isUsageThresholdSupported)
                .filter(p -> p.getUsage().getMax() > 0)
                .max(Comparator.comparingLong(p -> p.getUsage().getMax()));
    }

    private static void onNotification(Notification notification) {
        if (!MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(notification.getType())
                || cells.isEmpty()) {
            return;
        }
        // Usage counts garbage too: only live data over the limit mean the heap is really filling.
        System.gc();
        long used = pool.getUsage().getUsed();
        if (used < limit) {
            return;
        }
        String message = message(used, pool.getUsage().getMax());
        cells.forEach(stop -> stop.accept(message));
    }

    static String message(long used, long max) {
        return String.format(
                Locale.ROOT,
                "the heap is nearly full (%.2f of %.2f GiB still in use after garbage"
                        + " collection); the cell was stopped before the kernel itself ran out of"
                        + " memory. Drop large objects (set variables to null) or give the kernel"
                        + " more heap: ./tunebook install --jvm-opt -Xmx<size>",
                used / (double) (1L << 30),
                max / (double) (1L << 30));
    }
}
