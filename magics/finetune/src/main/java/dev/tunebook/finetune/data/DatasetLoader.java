package dev.tunebook.finetune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a {@link Dataset} from files or directories of JSONL, JSON, CSV or TSV.
 *
 * <pre>{@code
 * Dataset uci = DatasetLoader.builder()
 *         .setSource(Path.of("datasets/uci-sentiment"))
 *         .optSplitFile(Path.of("datasets/uci-sentiment/splits.json"))
 *         .build()
 *         .load();
 * }</pre>
 *
 * <p>Instances are immutable and may be reused.
 */
public final class DatasetLoader {
    private final List<Path> sources;
    private final String name;
    private final TaskKind task;
    private final String textColumn;
    private final String labelColumn;
    private final double[] splitFractions;
    private final Path splitFile;
    private final long seed;
    private final boolean skipBadRows;
    private final boolean strictLabels;
    private final Map<String, String> columns;
    private final SplitLimits limits;

    private DatasetLoader(Builder builder) {
        this.sources = List.copyOf(builder.sources);
        this.name = builder.name;
        this.task = builder.task;
        this.textColumn = builder.textColumn;
        this.labelColumn = builder.labelColumn;
        this.splitFractions = builder.splitFractions;
        this.splitFile = builder.splitFile;
        this.seed = builder.seed;
        this.skipBadRows = builder.skipBadRows;
        this.strictLabels = builder.strictLabels;
        this.limits = builder.limits;
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(builder.columns));
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the files, checks every row against the task, and splits the rows.
     *
     * @throws BadRowsException when rows are bad and bad rows are not skipped
     * @throws IOException when a file cannot be read, has no rows, or is not a dataset format
     * @throws UnseenLabelsException when strict about labels and a label occurs in val or test but
     *     never in train
     * @throws IllegalArgumentException when the split file does not fit the loaded rows
     */
    public Dataset load() throws IOException {
        List<Path> files = resolveFiles();
        List<SourceRecord> records = new ArrayList<>();
        for (Path file : files) {
            records.addAll(RecordReader.read(file, FileFormat.of(file).orElseThrow()));
        }
        records = new ColumnTemplates(columns).apply(records);
        TaskKind kind = task != null ? task : detectTask(records, files);
        LoadedRows rows =
                LoadedRows.convert(records, new RowConverter(kind, textColumn, labelColumn));
        if (!rows.problems().isEmpty() && !skipBadRows) {
            throw new BadRowsException(rows.problems());
        }
        if (rows.size() == 0) {
            throw new IOException("no rows could be loaded from " + files);
        }
        Splits splits = splits(rows);
        if (limits != null) {
            // A limited dataset holds only its sample: what it shows, indexes and renders.
            splits = limits.apply(splits, seed);
            int[] kept = splits.allRows();
            rows = rows.keep(kept);
            splits = splits.renumbered(kept);
        }
        List<String> labels =
                kind == TaskKind.CLASSIFICATION ? Dataset.sortedLabels(rows.column(1)) : List.of();
        Dataset dataset =
                new Dataset(
                        datasetName(files),
                        kind,
                        rows.toTable(datasetName(files), RowConverter.columns(kind)),
                        splits,
                        labels,
                        rows.origins(),
                        rows.problems(),
                        Attribution.find(files));
        UnseenLabels unseen = dataset.unseenLabels();
        if (strictLabels && !unseen.isEmpty()) {
            throw new UnseenLabelsException(
                    splitFile != null ? splitFile.toString() : sources.get(0).toString(), unseen);
        }
        return dataset;
    }

    private List<Path> resolveFiles() throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalStateException("setSource was not called");
        }
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                files.addAll(dataFilesIn(source));
            } else if (FileFormat.of(source).isEmpty()) {
                throw new IOException(
                        source + ": not a dataset file (expected .jsonl, .json, .csv or .tsv)");
            } else if (!Files.isRegularFile(source)) {
                throw new IOException(source + ": no such file");
            } else {
                files.add(source);
            }
        }
        return files;
    }

    private static List<Path> dataFilesIn(Path directory) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            List<Path> files =
                    listing.filter(Files::isRegularFile)
                            .filter(p -> FileFormat.of(p).isPresent())
                            .filter(p -> splitFileName(p).isEmpty())
                            .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                            .toList();
            if (files.isEmpty()) {
                throw new IOException(directory + ": no .jsonl, .json, .csv or .tsv files");
            }
            return files;
        }
    }

    /** Split files such as splits.json sit beside the data; they are not data. */
    private static String splitFileName(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("split") && name.endsWith(".json") ? name : "";
    }

    private TaskKind detectTask(List<SourceRecord> records, List<Path> files) throws IOException {
        return records.stream()
                .filter(r -> r.fields() != null)
                .findFirst()
                .map(r -> RowConverter.detect(r.fields(), labelColumn))
                .orElseThrow(() -> new IOException("no parsable rows in " + files));
    }

    private Splits splits(LoadedRows rows) throws IOException {
        if (splitFile != null) {
            Map<String, Set<Integer>> skipped = new HashMap<>();
            rows.skippedPositions().forEach(skipped::put);
            RowOrigins origins = rows.origins();
            return SplitFile.read(splitFile).apply(origins.stems(), origins.positions(), skipped);
        } else if (splitFractions != null) {
            return Splits.byFractions(rows.size(), splitFractions, seed);
        }
        return SplitFileNames.of(rows.origins().stems()).orElseGet(() -> Splits.whole(rows.size()));
    }

    private String datasetName(List<Path> files) {
        if (name != null) {
            return name;
        }
        Path first = sources.get(0);
        return Files.isDirectory(first) || files.size() > 1
                ? String.valueOf(first.toAbsolutePath().normalize().getFileName())
                : FileFormat.stem(first);
    }

    /** Builds a {@link DatasetLoader}. */
    public static final class Builder {
        private final List<Path> sources = new ArrayList<>();
        private String name;
        private TaskKind task;
        private String textColumn = "text";
        private String labelColumn = "label";
        private double[] splitFractions;
        private Path splitFile;
        private long seed = 42;
        private boolean skipBadRows;
        private boolean strictLabels;
        private final Map<String, String> columns = new LinkedHashMap<>();
        private SplitLimits limits;

        private Builder() {}

        /** Sets the files or directories (every data file in them, by name) to load. */
        public Builder setSource(Path... paths) {
            sources.clear();
            sources.addAll(List.of(paths));
            return this;
        }

        /** Sets the dataset's name; defaults to the file or directory name. */
        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        /** Sets the task; by default it is detected from the first row's fields. */
        public Builder optTask(TaskKind value) {
            this.task = value;
            return this;
        }

        /** Sets the column holding the text; defaults to {@code text}. */
        public Builder optTextColumn(String value) {
            this.textColumn = value;
            return this;
        }

        /** Sets the column holding the label; defaults to {@code label}. */
        public Builder optLabelColumn(String value) {
            this.labelColumn = value;
            return this;
        }

        /**
         * Makes column {@code column} of every record from {@code template}, whose {@code {field}}s
         * are replaced by the record's fields, before rows are checked against the task: {@code
         * optColumn("instruction", "{package} - {synopsis}")} and {@code optColumn("output",
         * "{description}")} turn package records into instruction data. Later calls for the same
         * column replace earlier ones.
         *
         * @throws IllegalArgumentException when the template names no field
         */
        public Builder optColumn(String column, String template) {
            new ColumnTemplates(Map.of(column, template));
            columns.put(column, template);
            return this;
        }

        /** Splits rows into train/val/test by these fractions after a seeded shuffle. */
        public Builder optSplit(double... fractions) {
            this.splitFractions = fractions.clone();
            this.splitFile = null;
            return this;
        }

        /** Splits rows as a split file says (see {@link SplitFile}). */
        public Builder optSplitFile(Path value) {
            this.splitFile = value;
            this.splitFractions = null;
            return this;
        }

        /**
         * Caps the rows of each split ({@link SplitLimits}): a seeded sample of a larger split, for
         * a quick run on a large dataset.
         */
        public Builder optLimit(SplitLimits value) {
            this.limits = value;
            return this;
        }

        /**
         * Sets the seed of the split shuffle (and of {@link #optLimit}'s sample); defaults to 42.
         */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /** Keeps loading past bad rows, which are then listed by {@link Dataset#skippedRows()}. */
        public Builder optSkipBadRows(boolean value) {
            this.skipBadRows = value;
            return this;
        }

        /**
         * Fails loading with an {@link UnseenLabelsException} when a label occurs in a split other
         * than train but never in train; otherwise {@link Dataset#unseenLabels()} reports them.
         * Defaults to false.
         */
        public Builder optStrictLabels(boolean value) {
            this.strictLabels = value;
            return this;
        }

        /** Returns the loader. */
        public DatasetLoader build() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("setSource is required");
            }
            return new DatasetLoader(this);
        }
    }
}
