package dev.tunebook.finetune.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The rows that passed their task's checks, with their origins, and the problems of the rest. */
final class LoadedRows {
    private final List<String[]> values = new ArrayList<>();
    private final List<SourceRecord> kept = new ArrayList<>();
    private final List<RowProblem> problems = new ArrayList<>();
    private final Map<String, Set<Integer>> skippedPositions = new LinkedHashMap<>();

    private LoadedRows() {}

    static LoadedRows convert(List<SourceRecord> records, RowConverter converter) {
        LoadedRows rows = new LoadedRows();
        for (SourceRecord record : records) {
            String problem = record.error();
            if (problem == null) {
                try {
                    rows.values.add(converter.convert(record.fields()));
                    rows.kept.add(record);
                    continue;
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            rows.problems.add(new RowProblem(record.file(), record.line(), problem));
            rows.skippedPositions
                    .computeIfAbsent(FileFormat.stem(Path.of(record.file())), s -> new HashSet<>())
                    .add(record.position());
        }
        return rows;
    }

    /** Returns the rows at {@code indices} (ascending) only; problems and skipped rows stay. */
    LoadedRows keep(int[] indices) {
        LoadedRows subset = new LoadedRows();
        for (int i : indices) {
            subset.values.add(values.get(i));
            subset.kept.add(kept.get(i));
        }
        subset.problems.addAll(problems);
        subset.skippedPositions.putAll(skippedPositions);
        return subset;
    }

    int size() {
        return values.size();
    }

    List<RowProblem> problems() {
        return problems;
    }

    Map<String, Set<Integer>> skippedPositions() {
        return skippedPositions;
    }

    List<String> column(int index) {
        return values.stream().map(v -> v[index]).toList();
    }

    Table toTable(String name, List<String> columns) {
        Table table = Table.create(name);
        for (int c = 0; c < columns.size(); c++) {
            table.addColumns(StringColumn.create(columns.get(c), column(c)));
        }
        ExtraColumns.add(table, kept);
        return table;
    }

    RowOrigins origins() {
        String[] files = kept.stream().map(SourceRecord::file).toArray(String[]::new);
        String[] stems =
                kept.stream().map(r -> FileFormat.stem(Path.of(r.file()))).toArray(String[]::new);
        long[] lines = kept.stream().mapToLong(SourceRecord::line).toArray();
        int[] positions = kept.stream().mapToInt(SourceRecord::position).toArray();
        return new RowOrigins(files, stems, lines, positions);
    }
}
