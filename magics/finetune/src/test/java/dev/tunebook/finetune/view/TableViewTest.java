package dev.tunebook.finetune.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableViewTest {
    private static final String PATH =
            "/home/someone/notebooks/.tunebook/runs/20250101-120000-lora-r8/checkpoints/"
                    + "step-000150";

    @Test
    void textColumnsAlignLeftAndNumbersRight() {
        String html =
                new TableView(List.of("run", "accuracy"))
                        .add(List.of("lora", "0.8085"))
                        .add(List.of("full", ""))
                        .html(10);
        assertTrue(
                html.contains(
                        "<th style=\"text-align:left\">run</th>"
                                + "<th style=\"text-align:right\">accuracy</th>"),
                html);
        assertTrue(
                html.contains(
                        "<td style=\"text-align:left\">lora</td>"
                                + "<td style=\"text-align:right\">0.8085</td>"),
                html);
    }

    @Test
    void wideValuesAreShortenedInTheMiddleWithTheWholeValueOnHover() {
        String html =
                new TableView(List.of("field", "value")).add(List.of("checkpoint", PATH)).html(10);
        String shown = TableCells.shorten(PATH, TableCells.MAX_WIDTH);
        assertEquals(TableCells.MAX_WIDTH, shown.length());
        assertTrue(shown.endsWith("/step-000150"), shown);
        assertTrue(shown.startsWith("/home/someone/"), shown);
        assertTrue(shown.contains("…"), shown);
        assertTrue(
                html.contains(
                        "<td style=\"text-align:left\" title=\"" + PATH + "\">" + shown + "</td>"),
                html);
        assertFalse(html.contains(">" + PATH + "<"), html);
        assertEquals("short", TableCells.shorten("short", TableCells.MAX_WIDTH));
        String id = "x".repeat(100);
        assertEquals(TableCells.MAX_WIDTH, TableCells.shorten(id, TableCells.MAX_WIDTH).length());
    }

    @Test
    void tooltipsAreEscaped() {
        String wide = "<b>" + "y".repeat(60) + "</b>";
        String html = new TableView(List.of("v")).add(List.of(wide)).html(10);
        assertTrue(html.contains("title=\"&lt;b&gt;y"), html);
        assertFalse(html.contains("<b>y"), html);
    }
}
