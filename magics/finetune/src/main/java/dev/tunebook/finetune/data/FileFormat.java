package dev.tunebook.finetune.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats a dataset can be loaded from, recognised by file extension. */
public enum FileFormat {
    /** One JSON object a line. */
    JSONL,
    /** One JSON array of objects. */
    JSON,
    /** Comma-separated values with a header row (RFC 4180 quoting). */
    CSV,
    /** Tab-separated values with a header row. */
    TSV;

    /** Returns the format of {@code file} by its extension, or empty when it is not a dataset. */
    public static Optional<FileFormat> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        } else if (name.endsWith(".json")) {
            return Optional.of(JSON);
        } else if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        } else if (name.endsWith(".tsv")) {
            return Optional.of(TSV);
        }
        return Optional.empty();
    }

    /** Returns the file name without its dataset extension: the name split files use. */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
