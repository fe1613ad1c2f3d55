package dev.tunebook.finetune.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * The first rows of a Tablesaw {@link Table}, long cells cut: what {@code %dataset load} shows of a
 * dataset, and how a table that ends a cell displays.
 *
 * <pre>{@code
 * String html = TablePreview.html(dataset.table());
 * }</pre>
 */
public final class TablePreview {
    /** The rows shown. */
    public static final int ROWS = 5;

    /** The characters of a cell shown; longer cells are cut and end in {@code …}. */
    public static final int CELL_CHARS = 120;

    private TablePreview() {}

    /** Returns the first {@link #ROWS} rows of {@code table}, cells cut to {@link #CELL_CHARS}. */
    public static TableView firstRows(Table table) {
        List<String> columns = table.columnNames();
        TableView view = new TableView(columns);
        for (int r = 0; r < Math.min(ROWS, table.rowCount()); r++) {
            List<String> cells = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                String cell = table.getString(r, c);
                cells.add(cell.length() > CELL_CHARS ? cell.substring(0, CELL_CHARS) + "…" : cell);
            }
            view.add(cells);
        }
        return view;
    }

    /** Returns the table's name and size, e.g. {@code uci: 3000 rows × 2 columns}. */
    public static String caption(Table table) {
        String name = table.name() == null || table.name().isBlank() ? "table" : table.name();
        return String.format(
                Locale.ROOT,
                "%s: %d rows × %d columns%s",
                name,
                table.rowCount(),
                table.columnCount(),
                table.rowCount() > ROWS ? " (first " + ROWS + " shown)" : "");
    }

    /** Returns the caption and the first rows as HTML, every cell escaped. */
    public static String html(Table table) {
        return "<div class=\"tb-table\"><p>"
                + Html.escape(caption(table))
                + "</p>"
                + firstRows(table).html(ROWS)
                + "</div>";
    }

    /** Returns the caption and the first rows as aligned text. */
    public static String text(Table table) {
        return caption(table) + "\n" + firstRows(table).text(ROWS);
    }
}
