package dev.tunebook.finetune.tokenize;

import java.io.IOException;
import java.nio.file.Path;

/** Thrown when a tokenizer file is missing or malformed; the message names the file. */
public class TokenizerException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates an exception for {@code file} with a detail naming the field at fault. */
    public TokenizerException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    /** Creates an exception for {@code file} caused by {@code cause}. */
    public TokenizerException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** Returns the file at fault. */
    public Path file() {
        return file;
    }
}
