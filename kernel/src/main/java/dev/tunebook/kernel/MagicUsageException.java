package dev.tunebook.kernel;

/** Thrown by a magic whose arguments are bad; the kernel shows the message and the usage text. */
public class MagicUsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MagicUsageException(String message) {
        super(message);
    }
}
