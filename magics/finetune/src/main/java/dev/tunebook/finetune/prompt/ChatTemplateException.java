package dev.tunebook.finetune.prompt;

/**
 * Thrown when a chat template cannot be parsed or raises while rendering.
 *
 * <p>The message reads as Python prints the exception transformers raises for the same template and
 * input ({@code "TemplateError: Conversation roles must alternate ..."}), followed by the line and
 * column in the template where known (except for a template's own {@code raise_exception}, whose
 * message Python prints bare), so the two stacks report the same failure.
 */
public final class ChatTemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Python exception type for {@code raise_exception} in a template. */
    public static final String TEMPLATE_ERROR = "TemplateError";

    /** Python exception type for a template that does not parse. */
    public static final String SYNTAX_ERROR = "TemplateSyntaxError";

    /** Python exception type for an undefined variable in strict mode. */
    public static final String UNDEFINED_ERROR = "UndefinedError";

    private final String kind;
    private final String detail;
    private final int line;
    private final int column;

    ChatTemplateException(String kind, String detail, int line, int column) {
        super(kind + ": " + detail + (kind.equals(TEMPLATE_ERROR) ? "" : location(line, column)));
        this.kind = kind;
        this.detail = detail;
        this.line = line;
        this.column = column;
    }

    private static String location(int line, int column) {
        if (line <= 0) {
            return "";
        }
        return " (template line " + line + (column > 0 ? ", column " + column : "") + ")";
    }

    /** Returns the Python exception type name: {@link #TEMPLATE_ERROR} and the like. */
    public String kind() {
        return kind;
    }

    /** Returns the message without type or location, as the template or parser gave it. */
    public String detail() {
        return detail;
    }

    /** Returns the message exactly as Python prints {@code f"{type(e).__name__}: {e}"}. */
    public String pythonMessage() {
        return kind + ": " + detail;
    }

    /** Returns the 1-based template line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Returns the 1-based column within {@link #line()}, or 0 when unknown. */
    public int column() {
        return column;
    }
}
