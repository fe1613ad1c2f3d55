package dev.tunebook.finetune.train;

import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Formats a run's final metrics: one row per split, one column per metric. */
final class SplitMetrics {
    /** Significant digits of a metric value: enough to tell runs apart, few enough to read. */
    static final int DIGITS = 4;

    private SplitMetrics() {}

    /** Returns the table of {@code metrics} by split; a metric a split lacks is an empty cell. */
    static TableView table(Map<String, Map<String, Double>> metrics) {
        Set<String> names = new LinkedHashSet<>();
        metrics.values().forEach(m -> names.addAll(m.keySet()));
        List<String> header = new ArrayList<>(List.of("split"));
        header.addAll(names);
        TableView table = new TableView(header);
        metrics.forEach(
                (split, values) -> {
                    List<String> row = new ArrayList<>(List.of(split));
                    for (String name : names) {
                        Double value = values.get(name);
                        row.add(value == null ? "" : Html.significant(value, DIGITS));
                    }
                    table.add(row);
                });
        return table;
    }

    /** Returns {@code metrics} on one line: {@code test accuracy 0.8085 loss 0.41; val ...}. */
    static String line(Map<String, Map<String, Double>> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach(
                (split, values) -> {
                    StringBuilder part = new StringBuilder(split);
                    values.forEach(
                            (name, value) ->
                                    part.append(' ')
                                            .append(name)
                                            .append(' ')
                                            .append(Html.significant(value, DIGITS)));
                    parts.add(part.toString());
                });
        return String.join("; ", parts);
    }
}
