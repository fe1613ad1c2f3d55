package dev.tunebook.finetune.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The labels of a classification dataset that occur in other splits ({@code val}, {@code test}) but
 * never in {@code train}. Training cannot learn them, so every such row is scored wrong: a dataset
 * whose {@code neutral} rows are all in {@code test} trains to accuracy 0 on them, silently unless
 * this is checked. Empty for datasets without labels or without a {@code train} split.
 *
 * <pre>{@code
 * UnseenLabels unseen = dataset.unseenLabels();
 * if (!unseen.isEmpty()) {
 *     System.err.println(unseen.message());
 * }
 * }</pre>
 *
 * @param counts for each unseen label (in label order), its row count in each split holding it (in
 *     split order)
 */
public record UnseenLabels(Map<String, Map<String, Integer>> counts) {

    /** Copies {@code counts}, keeping their order. */
    public UnseenLabels {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        counts.forEach((label, perSplit) -> copy.put(label, new LinkedHashMap<>(perSplit)));
        copy.replaceAll((label, perSplit) -> Collections.unmodifiableMap(perSplit));
        counts = Collections.unmodifiableMap(copy);
    }

    /** Finds the labels of {@code dataset} that no {@code train} row has. */
    public static UnseenLabels of(Dataset dataset) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        if (dataset.task() != TaskKind.CLASSIFICATION || !dataset.splits().has("train")) {
            return new UnseenLabels(counts);
        }
        List<String> names = dataset.labelNames();
        int[] ids = dataset.labelIds();
        boolean[] trained = new boolean[names.size()];
        for (int row : dataset.rows("train")) {
            trained[ids[row]] = true;
        }
        for (String split : dataset.splits().names()) {
            for (int row : dataset.rows(split)) {
                if (!trained[ids[row]]) {
                    counts.computeIfAbsent(names.get(ids[row]), l -> new LinkedHashMap<>())
                            .merge(split, 1, Integer::sum);
                }
            }
        }
        Map<String, Map<String, Integer>> ordered = new LinkedHashMap<>();
        names.stream().filter(counts::containsKey).forEach(l -> ordered.put(l, counts.get(l)));
        return new UnseenLabels(ordered);
    }

    /** Returns whether every label occurs in {@code train}. */
    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Returns the unseen labels in label order. */
    public List<String> labels() {
        return List.copyOf(counts.keySet());
    }

    /**
     * Returns a one-line warning naming the labels and their counts, e.g. {@code label 'neutral'
     * occurs in val (3 rows) and test (5 rows) but never in train: training cannot learn it, and
     * those rows will be scored wrong}; empty when there are none.
     */
    public String message() {
        if (counts.isEmpty()) {
            return "";
        }
        StringJoiner labels = new StringJoiner("; ");
        counts.forEach(
                (label, perSplit) -> {
                    StringJoiner splits = new StringJoiner(", ");
                    perSplit.forEach(
                            (split, n) ->
                                    splits.add(split + " " + n + (n == 1 ? " row" : " rows")));
                    labels.add("'" + label + "' (" + splits + ")");
                });
        boolean one = counts.size() == 1;
        return (one ? "label " : "labels ")
                + labels
                + (one ? " occurs" : " occur")
                + " only outside train: training cannot learn "
                + (one ? "it" : "them")
                + ", and "
                + (one ? "its" : "their")
                + " rows will be scored wrong";
    }

    @Override
    public String toString() {
        return isEmpty() ? "no unseen labels" : message();
    }
}
