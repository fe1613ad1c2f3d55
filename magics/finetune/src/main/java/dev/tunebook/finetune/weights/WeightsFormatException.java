package dev.tunebook.finetune.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a weights or configuration file is malformed; the message names the file and the
 * tensor or field at fault.
 */
public class WeightsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates an exception for {@code file} with a detail that names the tensor or field. */
    public WeightsFormatException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    /** Creates an exception for {@code file} caused by {@code cause}. */
    public WeightsFormatException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** Returns the file at fault. */
    public Path file() {
        return file;
    }
}
