package dev.tunebook.finetune.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToIntFunction;
import tech.tablesaw.api.Table;

/**
 * A loaded dataset: its rows as a Tablesaw table whose columns follow the task ({@code text} and
 * {@code label}; {@code text}; {@code instruction}, {@code input} and {@code output}; or {@code
 * messages} as a JSON list), its splits, its label names, where each row came from, the bad rows
 * that were skipped, and the attribution found beside its files. Build one with {@link
 * DatasetLoader}. Instances are immutable except for the table, which callers should not modify.
 */
public final class Dataset {
    private final String name;
    private final TaskKind task;
    private final Table table;
    private final Splits splits;
    private final List<String> labelNames;
    private final RowOrigins origins;
    private final List<RowProblem> skipped;
    private final String attribution;

    Dataset(
            String name,
            TaskKind task,
            Table table,
            Splits splits,
            List<String> labelNames,
            RowOrigins origins,
            List<RowProblem> skipped,
            String attribution) {
        this.name = name;
        this.task = task;
        this.table = table;
        this.splits = splits;
        this.labelNames = List.copyOf(labelNames);
        this.origins = origins;
        this.skipped = List.copyOf(skipped);
        this.attribution = attribution;
    }

    /** Returns the dataset's name. */
    public String name() {
        return name;
    }

    /** Returns what the dataset trains. */
    public TaskKind task() {
        return task;
    }

    /** Returns the rows. */
    public Table table() {
        return table;
    }

    /** Returns the number of rows. */
    public int size() {
        return table.rowCount();
    }

    /** Returns the splits. */
    public Splits splits() {
        return splits;
    }

    /** Returns the sorted distinct labels of a classification dataset (numerically if integers). */
    public List<String> labelNames() {
        return labelNames;
    }

    /** Returns the label id (index into {@link #labelNames()}) of every row. */
    public int[] labelIds() {
        if (task != TaskKind.CLASSIFICATION) {
            throw new IllegalStateException("a " + task + " dataset has no labels");
        }
        return table.stringColumn("label").asList().stream()
                .mapToInt(labelNames::indexOf)
                .toArray();
    }

    /**
     * Returns the labels that occur in other splits but never in {@code train}, which training
     * cannot learn; empty for a dataset without labels or without a {@code train} split.
     */
    public UnseenLabels unseenLabels() {
        return UnseenLabels.of(this);
    }

    /** Returns the file name row {@code row} came from. */
    public String sourceOf(int row) {
        return origins.files()[row];
    }

    /** Returns the 1-based line of its file on which row {@code row} starts. */
    public long lineOf(int row) {
        return origins.lines()[row];
    }

    /** Returns the bad rows that were skipped (empty unless loaded with skipBadRows). */
    public List<RowProblem> skippedRows() {
        return skipped;
    }

    /** Returns the README text found beside the data files (licence and attribution), if any. */
    public Optional<String> attribution() {
        return Optional.ofNullable(attribution);
    }

    /**
     * Returns the text of a row whose length is measured: the text, the instruction, input and
     * output joined by newlines, or the message contents joined by newlines.
     */
    public String textOf(int row) {
        return RowText.of(task, table.row(row));
    }

    /** Returns row counts, label distribution and length statistics under {@code length}. */
    public DatasetSummary summarize(ToIntFunction<String> length) {
        return DatasetSummary.of(this, length);
    }

    @Override
    public String toString() {
        return name
                + " ("
                + task.name().toLowerCase(Locale.ROOT)
                + ", "
                + size()
                + " rows: "
                + splits
                + (labelNames.isEmpty() ? "" : ", labels " + labelNames)
                + ")";
    }

    /** Returns the row indices of split {@code split} (see {@link Splits#rows}). */
    public int[] rows(String split) {
        return splits.rows(split);
    }

    static List<String> sortedLabels(List<String> labels) {
        boolean numeric = labels.stream().allMatch(l -> l.matches("-?\\d{1,18}"));
        String[] sorted = labels.stream().distinct().toArray(String[]::new);
        if (numeric) {
            Arrays.sort(sorted, (a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        } else {
            Arrays.sort(sorted);
        }
        return List.of(sorted);
    }
}
