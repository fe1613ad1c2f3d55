package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.interpret.UnknownTokenException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Translates jinjava's collected errors into the exception Jinja would have raised. */
final class TemplateErrors {

    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private TemplateErrors() {}

    /**
     * Returns the exception for {@code error}, or null when Jinja would carry on.
     *
     * @param source the template as the user wrote it, to locate the failing tag on its line
     */
    static ChatTemplateException translate(TemplateError error, boolean strict, String source) {
        TemplateRaisedException raised = find(error.getException(), TemplateRaisedException.class);
        if (raised != null) {
            return new ChatTemplateException(
                    ChatTemplateException.TEMPLATE_ERROR,
                    raised.getMessage(),
                    error.getLineno(),
                    0);
        }
        UnknownTokenException unknown = find(error.getException(), UnknownTokenException.class);
        if (unknown != null) {
            return undefined(variable(unknown.getToken()), error, source);
        }
        boolean syntax = error.getReason() == ErrorReason.SYNTAX_ERROR;
        if (error.getSeverity() != ErrorType.FATAL && !syntax) {
            boolean property = error.getItem() == TemplateError.ErrorItem.PROPERTY;
            return strict && property ? undefined(error.getFieldName(), error, source) : null;
        }
        String kind =
                error.getReason() == ErrorReason.SYNTAX_ERROR
                        ? ChatTemplateException.SYNTAX_ERROR
                        : "TemplateRuntimeError";
        String message = error.getMessage();
        return new ChatTemplateException(
                kind, message, error.getLineno(), column(source, error.getLineno(), message));
    }

    /** Returns the exception for one jinjava threw instead of collecting it. */
    static ChatTemplateException translate(InterpretException e, String source) {
        if (e instanceof UnknownTokenException unknown) {
            TemplateError error = TemplateError.fromSyntaxError(e);
            return undefined(variable(unknown.getToken()), error, source);
        }
        return new ChatTemplateException(
                ChatTemplateException.SYNTAX_ERROR,
                e.getMessage(),
                e.getLineNumber(),
                column(source, e.getLineNumber(), e.getMessage()));
    }

    private static ChatTemplateException undefined(
            String name, TemplateError error, String source) {
        return new ChatTemplateException(
                ChatTemplateException.UNDEFINED_ERROR,
                "'" + name + "' is undefined",
                error.getLineno(),
                column(source, error.getLineno(), "'" + name + "'"));
    }

    /**
     * Returns the variable an unknown-token expression starts with: {@code a[0].b} of {@code
     * a[0].b|f}.
     */
    private static String variable(String token) {
        String t = token == null ? "" : token.strip();
        int end = 0;
        while (end < t.length() && "|+-*/~ ()=!<>,".indexOf(t.charAt(end)) < 0) {
            end++;
        }
        return end == 0 ? t : t.substring(0, end);
    }

    /**
     * Returns the 1-based column of the tag or expression on {@code line} that contains the first
     * quoted fragment of {@code message}, the line's first tag when none matches, or 0.
     */
    static int column(String source, int line, String message) {
        String[] lines = source.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return 0;
        }
        String text = lines[line - 1];
        Matcher m = QUOTED.matcher(message == null ? "" : message);
        int at = -1;
        while (at < 0 && m.find()) {
            at = text.indexOf(m.group(1).strip());
        }
        int tag = at < 0 ? firstTag(text, text.length()) : lastTagBefore(text, at);
        return tag < 0 ? 0 : tag + 1;
    }

    private static int lastTagBefore(String text, int at) {
        int expr = text.lastIndexOf("{{", at);
        int stmt = text.lastIndexOf("{%", at);
        return Math.max(expr, stmt);
    }

    private static int firstTag(String text, int limit) {
        int expr = text.indexOf("{{");
        int stmt = text.indexOf("{%");
        if (expr < 0 || stmt < 0) {
            return Math.max(expr, stmt);
        }
        return Math.min(Math.min(expr, stmt), limit);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
