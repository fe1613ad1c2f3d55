package dev.tunebook.finetune.prompt;

/** Thrown by the template's own {@code raise_exception(message)}; carries the message only. */
final class TemplateRaisedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TemplateRaisedException(String message) {
        super(message, null, false, false);
    }
}
