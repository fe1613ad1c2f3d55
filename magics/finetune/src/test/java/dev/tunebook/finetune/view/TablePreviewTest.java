package dev.tunebook.finetune.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablePreviewTest {

    @Test
    void showsTheFirstRowsWithCellsCutAndEscaped() {
        String[] texts = new String[12];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = i == 0 ? "<b>" + "x".repeat(200) : "row " + i;
        }
        int[] ids = new int[12];
        java.util.Arrays.setAll(ids, i -> i);
        Table table =
                Table.create(
                        "reviews", StringColumn.create("text", texts), IntColumn.create("id", ids));

        TableView rows = TablePreview.firstRows(table);
        assertEquals(TablePreview.ROWS, rows.rows().size());
        assertEquals(
                "<b>" + "x".repeat(TablePreview.CELL_CHARS - 3) + "…", rows.rows().get(0).get(0));
        assertEquals("4", rows.rows().get(4).get(1));
        assertEquals("reviews: 12 rows × 2 columns (first 5 shown)", TablePreview.caption(table));

        String html = TablePreview.html(table);
        assertTrue(
                html.contains(
                        "<th style=\"text-align:left\">text</th>"
                                + "<th style=\"text-align:right\">id</th>"),
                "text columns left, numbers right: " + html);
        assertTrue(html.contains("&lt;b&gt;xxx"), html);
        assertFalse(html.contains("row 5"), html);
        assertTrue(TablePreview.text(table).startsWith("reviews: 12 rows × 2 columns"));
    }

    @Test
    void smallAndEmptyTablesSayNothingIsLeftOut() {
        Table empty = Table.create("empty", StringColumn.create("a"));
        assertEquals("empty: 0 rows × 1 columns", TablePreview.caption(empty));
        String html = TablePreview.html(empty);
        assertTrue(html.contains(">a</th>"), html);
    }
}
