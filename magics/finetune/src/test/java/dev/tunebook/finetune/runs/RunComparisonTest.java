package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTest {
    private final RunRecord a = RunAnalysisFixtures.lora("20261126-061500-bbbb", 2e-4, 0.81);
    private final RunRecord b =
            RunAnalysisFixtures.lora("20261126-062000-cccc", 1e-3, 0.78).toBuilder()
                    .setName("lora-fast")
                    .optTrainSeconds(100.0)
                    .build();

    @Test
    void differencesCoverConfigurationAndResults() {
        RunComparison c = RunComparison.of(a, b);
        List<String> keys = c.differences().stream().map(ComparisonRow::key).toList();
        assertEquals(List.of("hyperparameters.lr", "metrics.test.accuracy", "train_seconds"), keys);
        ComparisonRow lr = c.differences().get(0);
        assertEquals("configuration", lr.section());
        assertEquals("0.0002", lr.left());
        assertEquals("0.001", lr.right());
        assertEquals("results", c.differences().get(1).section());
    }

    @Test
    void allRowsPutConfigurationFirst() {
        List<ComparisonRow> rows = RunComparison.of(a, b).rows();
        int lastConfig = -1;
        int firstResult = Integer.MAX_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).section().equals("configuration")) {
                lastConfig = i;
            } else {
                firstResult = Math.min(firstResult, i);
            }
        }
        assertTrue(lastConfig < firstResult);
        assertTrue(rows.stream().anyMatch(r -> r.key().equals("model") && !r.differs()));
        assertTrue(rows.stream().anyMatch(r -> r.key().equals("inference.latency_ms_p50")));
        assertTrue(rows.stream().anyMatch(r -> r.key().equals("final_loss")));
    }

    @Test
    void fieldMissingInOneRunIsADifference() {
        RunRecord c = RunAnalysisFixtures.baseline();
        var diff = RunComparison.of(a, c).differences();
        var hp = diff.stream().filter(r -> r.key().equals("hyperparameters.epochs")).findFirst();
        assertEquals("", hp.orElseThrow().right());
    }

    @Test
    void renderingsHighlightOnlyDifferingRows() {
        RunComparison c = RunComparison.of(a, b);
        String html = c.toHtml(false);
        assertTrue(
                html.contains(
                        "<th style=\"text-align:left\">lora &lt;r8&gt;</th><th style=\"text-align:left\">lora-fast</th>"),
                html);
        int bold = html.split("font-weight:bold").length - 1;
        assertEquals(3, bold, html);
        String text = c.toText(true);
        assertEquals(4, text.split("\n").length, text);
        assertTrue(text.lines().skip(1).allMatch(l -> l.startsWith("* ")), text);
    }

    @Test
    void sameNamesAreDisambiguatedById() {
        RunRecord twin = RunAnalysisFixtures.lora("20261126-062000-cccc", 2e-4, 0.81);
        String text = RunComparison.of(a, twin).toText(false);
        assertTrue(text.contains("lora <r8> (20261126-061500-bbbb)"), text);
    }
}
