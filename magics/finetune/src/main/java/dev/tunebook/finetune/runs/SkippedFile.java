package dev.tunebook.finetune.runs;

import java.nio.file.Path;

/**
 * A file in the run store that could not be read as a run record, and why.
 *
 * @param file the file
 * @param reason what was wrong (the parser's message, with line and column where known)
 */
public record SkippedFile(Path file, String reason) {
    @Override
    public String toString() {
        return file.getFileName() + ": " + reason;
    }
}
