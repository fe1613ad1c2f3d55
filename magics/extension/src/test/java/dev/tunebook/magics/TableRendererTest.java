package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.JShellSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Tablesaw table that ends a cell displays as an HTML table, as {@code %dataset}'s rows do. */
class TableRendererTest {
    @TempDir Path work;

    @Test
    void tableAsLastExpressionRendersAsCappedHtml() {
        try (JShellSession session =
                JShellSession.builder()
                        .optRenderers(new RendererRegistry())
                        .optWorkingDirectory(work)
                        .build()) {
            CellResult result =
                    session.execute(
                            "var t = tech.tablesaw.api.Table.create(\"scores\","
                                    + " tech.tablesaw.api.IntColumn.create(\"n\","
                                    + " java.util.stream.IntStream.range(0, 40).toArray()));\n"
                                    + "t");
            assertNull(result.error(), () -> String.valueOf(result.error()));
            String html = String.valueOf(result.value().get("text/html"));
            assertTrue(html.contains("<p>scores: 40 rows × 1 columns (first 5 shown)</p>"), html);
            assertTrue(html.contains(">4</td>") && !html.contains(">5</td>"), html);
            String text = result.value().plainText();
            assertTrue(text.startsWith("scores: 40 rows × 1 columns"), text);
        }
    }
}
