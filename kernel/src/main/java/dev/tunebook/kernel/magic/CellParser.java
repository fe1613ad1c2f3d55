package dev.tunebook.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into Java code and magic calls. A cell whose first non-blank line starts with
 * {@code %%} is a cell magic with the remaining lines as its body. Otherwise every line that starts
 * with {@code %} and a letter is a line magic, and the lines between them are Java. A cell that is
 * only {@code NAME?}, {@code NAME??}, {@code ?NAME} or {@code %NAME?} is a help request.
 *
 * <p>Stateless and thread-safe.
 */
public final class CellParser {
    private static final String NAME = "%{0,2}[A-Za-z_$][\\w$.]*";
    private static final Pattern HELP =
            Pattern.compile("\\?{1,2}(" + NAME + ")|(" + NAME + ")\\?{1,2}");
    private static final Pattern MAGIC_LINE = Pattern.compile("%([A-Za-z_][\\w.-]*)(.*)");

    private CellParser() {}

    /** Returns the parts of {@code cell}. */
    public static ParsedCell parse(String cell) {
        Matcher help = HELP.matcher(cell.strip());
        if (help.matches()) {
            String name = help.group(1) != null ? help.group(1) : help.group(2);
            return new ParsedCell(List.of(), name);
        }
        int start = skipBlankLines(cell);
        if (cell.startsWith("%%", start)) {
            return new ParsedCell(List.of(cellMagic(cell, start)), null);
        }
        return new ParsedCell(lineParts(cell), null);
    }

    /** Returns true when {@code line} (without its line break) is a line magic. */
    public static boolean isMagicLine(String line) {
        return line.startsWith("%") && !line.startsWith("%%") && MAGIC_LINE.matcher(line).matches();
    }

    private static CellPart cellMagic(String cell, int start) {
        int eol = cell.indexOf('\n', start);
        String first = eol < 0 ? cell.substring(start + 2) : cell.substring(start + 2, eol);
        String body = eol < 0 ? "" : cell.substring(eol + 1);
        String[] nameAndArgs = first.strip().split("\\s+", 2);
        String args = nameAndArgs.length > 1 ? nameAndArgs[1].strip() : "";
        return new CellPart.Magic(nameAndArgs[0], true, args, body, lineOf(cell, start));
    }

    private static List<CellPart> lineParts(String cell) {
        List<CellPart> parts = new ArrayList<>();
        int javaStart = 0;
        int lineStart = 0;
        int line = 0;
        while (lineStart <= cell.length()) {
            int eol = cell.indexOf('\n', lineStart);
            int lineEnd = eol < 0 ? cell.length() : eol;
            String text = stripCarriageReturn(cell.substring(lineStart, lineEnd));
            if (isMagicLine(text)) {
                addJava(parts, cell, javaStart, lineStart);
                Matcher m = MAGIC_LINE.matcher(text);
                m.matches();
                parts.add(new CellPart.Magic(m.group(1), false, m.group(2).strip(), null, line));
                javaStart = eol < 0 ? cell.length() : eol + 1;
            }
            if (eol < 0) {
                break;
            }
            lineStart = eol + 1;
            line++;
        }
        addJava(parts, cell, javaStart, cell.length());
        return parts;
    }

    private static void addJava(List<CellPart> parts, String cell, int from, int to) {
        if (from < to && !cell.substring(from, to).isBlank()) {
            parts.add(new CellPart.Java(cell.substring(from, to), from));
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static int skipBlankLines(String cell) {
        int start = 0;
        while (true) {
            int eol = cell.indexOf('\n', start);
            if (eol < 0 || !cell.substring(start, eol).isBlank()) {
                return start;
            }
            start = eol + 1;
        }
    }

    private static int lineOf(String cell, int offset) {
        int line = 0;
        for (int i = 0; i < offset; i++) {
            if (cell.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
