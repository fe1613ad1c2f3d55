package dev.tunebook.finetune.view;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How {@link TableView} lays out a cell in HTML: numbers right-aligned, text left-aligned (front
 * ends such as Notebook 6 right-align every cell), and values too wide for a page shortened in the
 * middle with the whole value kept as the cell's tooltip. Styles are inline, so they hold wherever
 * the HTML is shown (Notebook 6 and 7, JupyterLab, VS Code) and survive sanitizers that drop {@code
 * <style>} elements.
 */
final class TableCells {
    /** The widest cell shown in full, in characters. */
    static final int MAX_WIDTH = 48;

    private static final Pattern NUMBER =
            Pattern.compile("[-+]?\\$?[0-9][0-9,_]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?\\s*%?|-?inf|NaN");
    private static final String LEFT = " style=\"text-align:left\"";
    private static final String RIGHT = " style=\"text-align:right\"";

    private TableCells() {}

    /** Returns whether every non-empty cell of column {@code column} is a number. */
    static boolean numeric(List<List<String>> rows, int column) {
        boolean any = false;
        for (List<String> row : rows) {
            String cell = row.get(column).strip();
            if (!cell.isEmpty()) {
                if (!NUMBER.matcher(cell).matches()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Returns the attributes of a header or data cell of a numeric or text column. */
    static String align(boolean numeric) {
        return numeric ? RIGHT : LEFT;
    }

    /** Returns the {@code td} element of {@code cell}, escaped and shortened when too wide. */
    static String td(String cell, boolean numeric) {
        String shown = shorten(cell, MAX_WIDTH);
        String title = shown.equals(cell) ? "" : " title=\"" + Html.escape(cell) + "\"";
        return "<td" + align(numeric) + title + ">" + Html.escape(shown) + "</td>";
    }

    /**
     * Returns {@code text} if it has at most {@code max} characters, else its start and end joined
     * by an ellipsis: a path keeps its last segment (the file name) whole when it fits.
     */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int slash = text.lastIndexOf('/', text.length() - 2);
        int tail =
                slash >= 0 && text.length() - slash <= max * 2 / 3
                        ? text.length() - slash
                        : max / 2;
        int head = max - 1 - tail;
        return text.substring(0, head) + "…" + text.substring(text.length() - tail);
    }
}
