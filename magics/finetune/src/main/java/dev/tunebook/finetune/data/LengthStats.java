package dev.tunebook.finetune.data;

import java.util.Arrays;

/**
 * Statistics of the token lengths of a dataset's rows.
 *
 * @param count number of rows measured
 * @param min shortest
 * @param max longest
 * @param mean average
 * @param median 50th percentile (nearest rank)
 * @param p95 95th percentile (nearest rank)
 */
public record LengthStats(int count, int min, int max, double mean, int median, int p95) {
    /** Returns the statistics of {@code lengths}; all zero when it is empty. */
    public static LengthStats of(int[] lengths) {
        if (lengths.length == 0) {
            return new LengthStats(0, 0, 0, 0, 0, 0);
        }
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new LengthStats(
                sorted.length,
                sorted[0],
                sorted[sorted.length - 1],
                mean,
                nearestRank(sorted, 0.5),
                nearestRank(sorted, 0.95));
    }

    private static int nearestRank(int[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
