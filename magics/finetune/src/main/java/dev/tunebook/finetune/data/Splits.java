package dev.tunebook.finetune.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Named, disjoint subsets of a dataset's rows ({@code train}, {@code val}, {@code test}, ...), each
 * an ordered array of row indices. Instances are immutable.
 */
public final class Splits {
    private static final List<String> FRACTION_NAMES = List.of("train", "val", "test");
    private final Map<String, int[]> rows;

    Splits(Map<String, int[]> rows) {
        this.rows = new LinkedHashMap<>();
        rows.forEach((name, indices) -> this.rows.put(name, indices.clone()));
    }

    /**
     * Returns one split, {@code train}, holding every row in order: the split of a dataset loaded
     * without a split.
     */
    public static Splits whole(int rowCount) {
        int[] all = new int[rowCount];
        Arrays.setAll(all, i -> i);
        return new Splits(Map.of("train", all));
    }

    /**
     * Splits {@code rowCount} rows into {@code train}, {@code val} and {@code test} by {@code
     * fractions} after a shuffle seeded with {@code seed}. Sizes are rounded down except the last
     * named split, which takes the remainder when the fractions sum to one. Splits of size zero are
     * left out.
     *
     * @param fractions one to three non-negative fractions summing to at most 1
     */
    public static Splits byFractions(int rowCount, double[] fractions, long seed) {
        checkFractions(fractions);
        List<Integer> order = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        double sum = Arrays.stream(fractions).sum();
        Map<String, int[]> result = new LinkedHashMap<>();
        int start = 0;
        for (int s = 0; s < fractions.length; s++) {
            boolean takesRest = s == fractions.length - 1 && Math.abs(sum - 1) < 1e-9;
            int size = takesRest ? rowCount - start : (int) Math.floor(rowCount * fractions[s]);
            if (size > 0) {
                int[] part = order.subList(start, start + size).stream().mapToInt(i -> i).toArray();
                Arrays.sort(part);
                result.put(FRACTION_NAMES.get(s), part);
            }
            start += size;
        }
        return new Splits(result);
    }

    /**
     * Parses fractions as written on a command line, e.g. {@code 0.8,0.1,0.1}.
     *
     * @throws IllegalArgumentException when they are not one to three numbers summing to at most 1
     */
    public static double[] parseFractions(String text) {
        try {
            double[] fractions =
                    Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
            checkFractions(fractions);
            return fractions;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "split '" + text + "' is not a list of fractions like 0.8,0.1,0.1", e);
        }
    }

    private static void checkFractions(double[] fractions) {
        double sum = Arrays.stream(fractions).sum();
        boolean negative = Arrays.stream(fractions).anyMatch(f -> f < 0 || Double.isNaN(f));
        if (fractions.length == 0 || fractions.length > 3 || negative || sum > 1 + 1e-9) {
            throw new IllegalArgumentException(
                    "split fractions "
                            + Arrays.toString(fractions)
                            + " must be one to three non-negative numbers summing to at most 1");
        }
    }

    /** Returns every row that is in some split, ascending. */
    int[] allRows() {
        return rows.values().stream().flatMapToInt(Arrays::stream).sorted().distinct().toArray();
    }

    /**
     * Returns these splits over a table that keeps only the rows {@code kept} (ascending), in which
     * row {@code kept[i]} is row {@code i}.
     */
    Splits renumbered(int[] kept) {
        Map<String, int[]> renumbered = new LinkedHashMap<>();
        rows.forEach(
                (name, indices) -> {
                    int[] mapped = new int[indices.length];
                    for (int i = 0; i < indices.length; i++) {
                        mapped[i] = Arrays.binarySearch(kept, indices[i]);
                    }
                    renumbered.put(name, mapped);
                });
        return new Splits(renumbered);
    }

    /** Returns the split names in order. */
    public List<String> names() {
        return List.copyOf(rows.keySet());
    }

    /** Returns whether a split called {@code name} exists. */
    public boolean has(String name) {
        return rows.containsKey(name);
    }

    /**
     * Returns a copy of the row indices of split {@code name}.
     *
     * @throws IllegalArgumentException naming the known splits when there is no such split
     */
    public int[] rows(String name) {
        int[] indices = rows.get(name);
        if (indices == null) {
            throw new IllegalArgumentException("no split '" + name + "'; splits are " + names());
        }
        return indices.clone();
    }

    /** Returns the number of rows in split {@code name}. */
    public int size(String name) {
        return rows(name).length;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        rows.forEach(
                (name, r) ->
                        text.append(text.isEmpty() ? "" : ", ")
                                .append(name)
                                .append(' ')
                                .append(r.length));
        return text.toString();
    }
}
