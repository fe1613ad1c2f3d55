package dev.tunebook.finetune.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Durations of repeated steps in milliseconds, summarized as median, 90th percentile and best.
 *
 * <p>Instances are not thread-safe.
 */
final class StepTimes {
    private double[] millis = new double[16];
    private int count;

    /** Adds one step's duration. */
    void add(double value) {
        if (count == millis.length) {
            millis = Arrays.copyOf(millis, count * 2);
        }
        millis[count++] = value;
    }

    /** Adds the time since {@code startNanos}, a {@link System#nanoTime} reading. */
    void addSince(long startNanos) {
        add((System.nanoTime() - startNanos) / 1e6);
    }

    /** Returns the median, or NaN when empty. */
    double median() {
        return quantile(0.5);
    }

    /** Returns the 90th percentile (nearest rank). */
    double p90() {
        return quantile(0.9);
    }

    /** Returns the smallest duration. */
    double best() {
        return quantile(0);
    }

    private double quantile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) Math.floor(q * count))];
    }

    /** Returns "median M, p90 P, best B ms (N steps)". */
    String summary() {
        return String.format(
                Locale.ROOT,
                "median %8.2f  p90 %8.2f  best %8.2f ms (%d steps)",
                median(),
                p90(),
                best(),
                count);
    }
}
