package dev.tunebook.kernel.jupyter;

/**
 * Thrown when a message read from a kernel socket is dropped whole: it is malformed (no {@code
 * <IDS|MSG>} delimiter, too few frames, unreadable JSON), its HMAC signature is wrong, or its
 * signature was seen before (a replay). The socket has already consumed every frame of the message,
 * so the next message is read intact.
 */
final class RejectedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code reason} completes "Dropped a message on shell: ...". */
    RejectedMessageException(String reason) {
        super(reason);
    }

    /** Creates the exception for a message whose JSON could not be read. */
    RejectedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
