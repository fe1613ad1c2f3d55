package dev.tunebook.finetune.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What a dataset holds, for display: rows per split, labels per split, and token lengths.
 *
 * @param rowsPerSplit row count of each split, in split order
 * @param labelCounts for classification, the count of each label (in label order) per split
 * @param lengths token-length statistics over all rows
 * @param tokenLengths the token length of every row, for histograms
 */
public record DatasetSummary(
        Map<String, Integer> rowsPerSplit,
        Map<String, Map<String, Integer>> labelCounts,
        LengthStats lengths,
        int[] tokenLengths) {

    /** Summarises {@code dataset}, measuring each row's text with {@code length}. */
    public static DatasetSummary of(Dataset dataset, ToIntFunction<String> length) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> labels = new LinkedHashMap<>();
        int[] labelIds =
                dataset.task() == TaskKind.CLASSIFICATION ? dataset.labelIds() : new int[0];
        for (String split : dataset.splits().names()) {
            int[] splitRows = dataset.rows(split);
            rows.put(split, splitRows.length);
            if (labelIds.length > 0) {
                labels.put(split, countLabels(dataset.labelNames(), labelIds, splitRows));
            }
        }
        int[] lengths = new int[dataset.size()];
        for (int row = 0; row < lengths.length; row++) {
            lengths[row] = length.applyAsInt(dataset.textOf(row));
        }
        return new DatasetSummary(rows, labels, LengthStats.of(lengths), lengths);
    }

    private static Map<String, Integer> countLabels(
            List<String> names, int[] labelIds, int[] rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        names.forEach(name -> counts.put(name, 0));
        for (int row : rows) {
            counts.merge(names.get(labelIds[row]), 1, Integer::sum);
        }
        return counts;
    }
}
