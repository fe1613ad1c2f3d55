package dev.tunebook.finetune.prompt;

import java.util.Arrays;
import java.util.Locale;

/**
 * Token counts over a dataset's rendered prompts: minimum, mean, 95th percentile, maximum, and how
 * many exceed a length limit.
 *
 * @param rows how many prompts were counted
 * @param min the shortest
 * @param mean the average
 * @param p95 the 95th percentile (nearest rank)
 * @param max the longest
 * @param limit the length limit compared against, or 0 for none
 * @param overLimit how many prompts are longer than {@code limit}
 */
public record TokenStats(
        int rows, int min, double mean, int p95, int max, int limit, int overLimit) {

    /** Returns the statistics of {@code counts} against {@code limit} (0 for none). */
    public static TokenStats of(int[] counts, int limit) {
        if (counts.length == 0) {
            return new TokenStats(0, 0, 0, 0, 0, limit, 0);
        }
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.95 * sorted.length) - 1;
        int over = limit > 0 ? (int) Arrays.stream(sorted).filter(c -> c > limit).count() : 0;
        return new TokenStats(
                sorted.length,
                sorted[0],
                Arrays.stream(sorted).average().orElse(0),
                sorted[Math.max(0, rank)],
                sorted[sorted.length - 1],
                limit,
                over);
    }

    /** Returns a one-line summary such as {@code tokens min 12 / mean 30.5 / p95 61 / max 80}. */
    public String summary() {
        String s =
                String.format(
                        Locale.ROOT,
                        "tokens min %d / mean %.1f / p95 %d / max %d over %d rows",
                        min,
                        mean,
                        p95,
                        max,
                        rows);
        return limit > 0 ? s + "; " + overLimit + " longer than " + limit : s;
    }
}
