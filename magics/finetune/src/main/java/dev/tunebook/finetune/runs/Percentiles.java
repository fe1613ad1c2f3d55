package dev.tunebook.finetune.runs;

import java.util.Arrays;

/**
 * Percentiles with linear interpolation between closest ranks, as {@code numpy.percentile}'s
 * default ({@code method="linear"}) computes them.
 */
public final class Percentiles {
    private Percentiles() {}

    /**
     * Returns the {@code q}-th percentile (0–100) of {@code values}.
     *
     * @throws IllegalArgumentException if {@code values} is empty or {@code q} is outside 0–100
     */
    public static double of(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to take a percentile of");
        }
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("percentile must be within 0..100, got " + q);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
