package dev.tunebook.finetune.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of literal text or a {@code {column}} placeholder in a {@link PromptSpec} turn.
 *
 * @param text the literal text, or the column name
 * @param isPlaceholder whether this piece is a placeholder
 */
record PromptPiece(String text, boolean isPlaceholder) {

    /**
     * Splits turn text into literals and placeholders; {@code {{} and {@code }}} are literal
     * braces.
     *
     * @param firstLine the turn's first line in the body, for error messages
     * @throws IllegalArgumentException on an unmatched brace or an empty placeholder
     */
    static List<PromptPiece> parse(String content, int firstLine) {
        List<PromptPiece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            boolean doubled = i + 1 < content.length() && content.charAt(i + 1) == c;
            if ((c == '{' || c == '}') && doubled) {
                literal.append(c);
                i += 2;
            } else if (c == '{') {
                int close = content.indexOf('}', i);
                String name = close < 0 ? "" : content.substring(i + 1, close).strip();
                if (close < 0 || name.isEmpty() || name.contains("{")) {
                    throw braceError(
                            "unmatched '{' (write {{ for a literal brace)", content, i, firstLine);
                }
                flush(literal, pieces);
                pieces.add(new PromptPiece(name, true));
                i = close + 1;
            } else if (c == '}') {
                throw braceError(
                        "unmatched '}' (write }} for a literal brace)", content, i, firstLine);
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, pieces);
        return pieces;
    }

    private static void flush(StringBuilder literal, List<PromptPiece> pieces) {
        if (literal.length() > 0) {
            pieces.add(new PromptPiece(literal.toString(), false));
            literal.setLength(0);
        }
    }

    private static IllegalArgumentException braceError(
            String what, String content, int at, int firstLine) {
        int line = firstLine;
        for (int k = 0; k < at; k++) {
            if (content.charAt(k) == '\n') {
                line++;
            }
        }
        String near = content.substring(at, Math.min(content.length(), at + 24)).split("\n")[0];
        return new IllegalArgumentException(
                "prompt line " + line + ": " + what + " at \"" + near + "\"");
    }
}
