package dev.tunebook.finetune.data;

/**
 * A row that could not be loaded: the file, the 1-based line on which the row starts, and why.
 *
 * @param file the file name as given to the loader
 * @param line 1-based line number where the row starts
 * @param reason what is wrong, e.g. {@code bad JSON: ...}, {@code missing column 'label'}
 */
public record RowProblem(String file, long line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
