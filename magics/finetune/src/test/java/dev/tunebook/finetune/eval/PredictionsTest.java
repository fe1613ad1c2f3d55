package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionsTest {
    private final Predictions predictions =
            new Predictions(
                    List.of(
                            Prediction.of("1", "great film", "pos", "pos", 0.9),
                            Prediction.of("2", "<script>alert(1)</script>", "neg", "pos", 0.6),
                            Prediction.of("3", "dull & slow", "neg", "neg", 0.8),
                            Prediction.of("4", "meh", "pos", "neg", 0.95),
                            Prediction.of("5", "no score", "pos", "neg", null)));

    @Test
    void errorsComeFirstMostConfidentFirst() {
        List<String> ids = predictions.errorsFirst().rows().stream().map(Prediction::id).toList();
        assertEquals(List.of("4", "2", "5", "1", "3"), ids);
        assertEquals(3, predictions.errorCount());
    }

    @Test
    void htmlEscapesCellsAndCapsRows() {
        String html = predictions.errorsFirst().toHtml(2);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertEquals(3, html.split("<tr").length - 1, "header + 2 rows");
        assertTrue(html.contains("3 more rows not shown"), html);
    }

    @Test
    void textHasOneLinePerRow() {
        String text = predictions.toText(10);
        assertEquals(6, text.split("\n").length);
        assertTrue(text.contains("dull & slow"), text);
    }

    @Test
    void longCellsAreCut() {
        String input = "x".repeat(1000);
        var one = new Predictions(List.of(Prediction.of("1", input, "a", "b", null)));
        String cell = one.table().rows().get(0).get(1);
        assertEquals(Predictions.MAX_CELL_CHARS + 1, cell.length());
    }
}
