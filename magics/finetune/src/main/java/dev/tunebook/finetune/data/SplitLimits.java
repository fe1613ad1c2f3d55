package dev.tunebook.finetune.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The most rows each split keeps, for quick runs on a large dataset: {@code 400} caps every split,
 * {@code train=400,test=50} names them ({@code *=N} for the rest). A split over its cap keeps a
 * sample drawn with the loader's seed, in row order; the same seed keeps the same rows. Instances
 * are immutable.
 *
 * @param caps the cap of each named split; {@code *} for every other split
 */
public record SplitLimits(Map<String, Integer> caps) {
    /** Copies {@code caps}. */
    public SplitLimits {
        caps = Collections.unmodifiableMap(new LinkedHashMap<>(caps));
    }

    /**
     * Parses limits as written on a command line: {@code 400} or {@code train=400,test=50}.
     *
     * @throws IllegalArgumentException naming the part that is not {@code N} or {@code SPLIT=N}
     *     with N a positive whole number
     */
    public static SplitLimits parse(String text) {
        Map<String, Integer> caps = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] pair = part.trim().split("=", 2);
            String split = pair.length == 2 ? pair[0].trim().toLowerCase(Locale.ROOT) : "*";
            String count = pair[pair.length - 1].trim();
            try {
                int n = Integer.parseInt(count);
                if (n > 0 && !split.isEmpty()) {
                    caps.put(split, n);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(
                    "limit '"
                            + part.trim()
                            + "' in '"
                            + text
                            + "': expected N or SPLIT=N with N a positive whole number, e.g."
                            + " train=400,test=50");
        }
        return new SplitLimits(caps);
    }

    /**
     * Returns {@code splits} with every split over its cap cut to a seeded sample of its rows.
     *
     * @throws IllegalArgumentException when a cap names a split that {@code splits} lacks
     */
    public Splits apply(Splits splits, long seed) {
        for (String name : caps.keySet()) {
            if (!name.equals("*") && !splits.has(name)) {
                throw new IllegalArgumentException(
                        "limit names split '" + name + "'; splits are " + splits.names());
            }
        }
        Map<String, int[]> kept = new LinkedHashMap<>();
        for (String name : splits.names()) {
            int[] rows = splits.rows(name);
            Integer cap = caps.getOrDefault(name, caps.get("*"));
            kept.put(name, cap == null || rows.length <= cap ? rows : sample(rows, cap, seed));
        }
        return new Splits(kept);
    }

    private static int[] sample(int[] rows, int cap, long seed) {
        List<Integer> order = new ArrayList<>(rows.length);
        for (int row : rows) {
            order.add(row);
        }
        Collections.shuffle(order, new Random(seed));
        int[] sample = order.subList(0, cap).stream().mapToInt(i -> i).toArray();
        Arrays.sort(sample);
        return sample;
    }
}
