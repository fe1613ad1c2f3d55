package dev.tunebook.kernel.magic;

/**
 * Thrown when a Maven settings file cannot be used: malformed XML or a value Maven rejects. The
 * message names the file and the line or the field.
 */
public final class MavenSettingsException extends RuntimeException {
    /** Creates an exception with {@code message}. */
    public MavenSettingsException(String message) {
        super(message);
    }
}
