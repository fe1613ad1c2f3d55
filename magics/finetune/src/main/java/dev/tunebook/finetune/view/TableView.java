package dev.tunebook.finetune.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A header and rows of cell strings, rendered as an HTML table (every cell escaped) or as aligned
 * plain text. Rows past a cap are left out and counted in a closing note.
 *
 * <p>Instances are not thread-safe.
 */
public final class TableView {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final Set<Integer> highlighted = new HashSet<>();

    /** Creates an empty table with the given column names. */
    public TableView(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row; {@code null} cells render empty. */
    public TableView add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.size() + " cells, header has " + header.size());
        }
        List<String> row = new ArrayList<>(cells.size());
        cells.forEach(c -> row.add(c == null ? "" : c));
        rows.add(Collections.unmodifiableList(row));
        return this;
    }

    /** Adds a row that renders emphasised (bold in HTML, marked {@code *} in text). */
    public TableView addHighlighted(List<String> cells) {
        add(cells);
        highlighted.add(rows.size() - 1);
        return this;
    }

    /** Returns the rows added so far. */
    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Returns whether row {@code index} is highlighted. */
    public boolean isHighlighted(int index) {
        return highlighted.contains(index);
    }

    /**
     * Returns an HTML table of at most {@code maxRows} rows, every cell escaped: text columns
     * left-aligned and numeric ones right-aligned by inline styles, and cells wider than {@value
     * TableCells#MAX_WIDTH} characters shortened in the middle with the whole value as their
     * tooltip ({@code title}).
     */
    public String html(int maxRows) {
        List<List<String>> shown = rows.subList(0, Math.min(maxRows, rows.size()));
        boolean[] numeric = new boolean[header.size()];
        StringBuilder out = new StringBuilder("<table class=\"tunebook\">\n<thead><tr>");
        for (int c = 0; c < header.size(); c++) {
            numeric[c] = TableCells.numeric(shown, c);
            out.append("<th")
                    .append(TableCells.align(numeric[c]))
                    .append('>')
                    .append(Html.escape(header.get(c)))
                    .append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < shown.size(); i++) {
            out.append(highlighted.contains(i) ? "<tr style=\"font-weight:bold\">" : "<tr>");
            for (int c = 0; c < header.size(); c++) {
                out.append(TableCells.td(shown.get(i).get(c), numeric[c]));
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (rows.size() > maxRows) {
            out.append("<p>").append(rows.size() - maxRows).append(" more rows not shown</p>\n");
        }
        return out.toString();
    }

    /** Returns aligned text of at most {@code maxRows} rows. */
    public String text(int maxRows) {
        int shown = Math.min(maxRows, rows.size());
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            for (int r = 0; r < shown; r++) {
                widths[c] = Math.max(widths[c], rows.get(r).get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, widths, "  ");
        for (int r = 0; r < shown; r++) {
            appendLine(out, rows.get(r), widths, highlighted.contains(r) ? "* " : "  ");
        }
        if (rows.size() > shown) {
            out.append("  (").append(rows.size() - shown).append(" more rows not shown)\n");
        }
        return out.toString();
    }

    private static void appendLine(
            StringBuilder out, List<String> cells, int[] widths, String marker) {
        StringBuilder line = new StringBuilder(marker);
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c).replace('\n', ' ');
            line.append(cell).append(" ".repeat(widths[c] - cells.get(c).length() + 2));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
