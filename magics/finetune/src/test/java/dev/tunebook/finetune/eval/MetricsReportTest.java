package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsReportTest {
    private MetricsReport report(boolean chart) {
        List<String> gold = List.of("neg", "pos", "pos", "neg");
        List<String> pred = List.of("neg", "pos", "neg", "neg");
        return MetricsReport.builder()
                .setTitle("eval <test>")
                .optClassification(ClassificationMetrics.of(gold, pred))
                .optMetric("rouge_l", 0.5)
                .optPredictions(
                        new Predictions(
                                List.of(
                                        Prediction.of("a", "fine", "pos", "pos", 0.7),
                                        Prediction.of("b", "bad", "pos", "neg", 0.6))))
                .optChart(chart)
                .build();
    }

    @Test
    void metricsComeFromClassificationThenExtras() {
        MetricsReport r = report(false);
        assertEquals(
                List.of("accuracy", "macro_f1", "macro_precision", "macro_recall", "rouge_l"),
                List.copyOf(r.metrics().keySet()));
        assertEquals(0.75, r.metrics().get("accuracy"), 1e-12);
        assertEquals("b", r.predictions().rows().get(0).id());
    }

    @Test
    void htmlHasEscapedTitleTablesAndChart() {
        String html = report(true).toHtml();
        assertTrue(html.contains("eval &lt;test&gt;"), html);
        assertTrue(
                html.contains(
                        "<td style=\"text-align:left\">accuracy</td><td style=\"text-align:right\">0.75</td>"),
                html);
        assertTrue(html.contains("data:image/png;base64,iVBORw0KGgo"), "embedded PNG");
        assertTrue(html.contains("1 wrong of 2"), html);
    }

    @Test
    void textHasAllSections() {
        String text = report(false).toText();
        assertTrue(text.startsWith("eval <test>\n"), text);
        assertTrue(text.contains("precision"), text);
        assertTrue(text.contains("gold\\pred"), text);
        assertTrue(text.contains("bad"), text);
    }

    @Test
    void titleIsRequired() {
        assertThrows(IllegalStateException.class, () -> MetricsReport.builder().build());
    }
}
