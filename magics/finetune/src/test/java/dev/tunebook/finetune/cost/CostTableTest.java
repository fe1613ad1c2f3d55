package dev.tunebook.finetune.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostTableTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    // Priced at 1 USD/hour so costs are easy: 1000 requests at 1000/s = 1 s each.
    private final CostModel model = CostModel.builtIn(CostOptions.DEFAULT.withPrice(3600.0));
    private final List<RunRecord> runs =
            List.of(
                    CostRuns.run(RunKind.BASELINE, "zero-shot", "zero-shot", 0.65, null, 1000),
                    CostRuns.run(RunKind.BASELINE, "few <shot>", "few-shot", 0.60, null, 1000),
                    CostRuns.run(RunKind.FINETUNE, "head", "head", 0.70, 4.0, 1000),
                    CostRuns.run(RunKind.FINETUNE, "lora", "lora", 0.80, 9.0, 1000),
                    CostRuns.run(RunKind.FINETUNE, "full", "full", 0.78, 19.0, 1000),
                    RunRecord.builder(RunKind.EVAL, "eval-only")
                            .optId("20261126-060000-eeee")
                            .build());
    private final CostTable table = CostTable.of(runs, model);

    @Test
    void evalRunsAreLeftOutAndCostsAdd() {
        assertEquals(5, table.rows().size());
        CostEstimate lora = table.rows().get(3);
        assertEquals(9.0, lora.trainingUsd(), 1e-12);
        assertEquals(1.0, lora.inferenceUsd(), 1e-12);
        assertEquals(10.0, lora.totalUsd(), 1e-12);
    }

    @Test
    void aFineTuneWithoutItsOwnMeasurementsIsPricedByItsBaseModelsMeasuredSpeed() {
        RunRecord baseline =
                CostRuns.run(RunKind.BASELINE, "zero-shot", "zero-shot", 0.65, null, 1000)
                        .toBuilder()
                        .optModel("minilm")
                        .build();
        RunRecord unmeasured =
                CostRuns.run(RunKind.FINETUNE, "full", "full", 0.9, 19.0, 1000).toBuilder()
                        .optModel("minilm")
                        .optInference(null)
                        .build();
        RunRecord otherModel =
                CostRuns.run(RunKind.FINETUNE, "other", "full", 0.9, 19.0, 1000).toBuilder()
                        .optModel("bert-large")
                        .optInference(null)
                        .build();
        RunRecord slowerWorseBaseline =
                CostRuns.run(RunKind.BASELINE, "few-shot", "few-shot", 0.60, null, 500).toBuilder()
                        .optModel("minilm")
                        .build();
        List<CostEstimate> rows =
                CostTable.of(List.of(baseline, unmeasured, otherModel, slowerWorseBaseline), model)
                        .rows();
        assertEquals(rows.get(0).inferenceUsd(), rows.get(1).inferenceUsd(), 1e-12);
        // priced by the most accurate sibling, the baseline its gain is measured against
        assertTrue(rows.get(1).inferenceEstimated());
        assertEquals(2 * rows.get(0).inferenceUsd(), rows.get(3).inferenceUsd(), 1e-12);
        // no sibling: the FLOP model prices it, far above the measured speed here
        assertTrue(rows.get(2).inferenceUsd() > 10 * rows.get(0).inferenceUsd());
    }

    @Test
    void frontierAndDollarsPerPointGained() {
        assertEquals(
                List.of("zero-shot", "head", "lora"),
                table.frontier().stream().map(CostEstimate::runName).toList());
        assertEquals("zero-shot", table.bestBaseline().orElseThrow().runName());
        // lora: +15 points for 10 - 1 = 9 extra dollars, $0.6 a point
        GainOverBaseline lora = table.gain(table.rows().get(3)).orElseThrow();
        assertEquals(9.0 / 15, lora.usdPerPoint(), 1e-9);
        assertEquals("$0.6", lora.describe());
        assertEquals("$0.8", table.gain(table.rows().get(2)).orElseThrow().describe());
        assertTrue(table.gain(table.rows().get(0)).isEmpty());
        List<String> header =
                table.table().text(10).lines().findFirst().orElseThrow().lines().toList();
        assertTrue(header.get(0).contains(CostTable.GAIN_COLUMN), header.toString());
    }

    @Test
    void chartHasSeriesByKindAndFrontierLine() {
        var series = table.chart().getSeriesMap();
        assertEquals(
                List.of(CostChart.BASELINES, CostChart.FINETUNES, CostChart.FRONTIER),
                List.copyOf(series.keySet()));
        assertEquals(2, series.get(CostChart.BASELINES).getXData().length);
        assertEquals(3, series.get(CostChart.FINETUNES).getXData().length);
        assertEquals(3, series.get(CostChart.FRONTIER).getXData().length);
        assertArrayEquals(new double[] {1, 5, 10}, series.get(CostChart.FRONTIER).getXData(), 1e-9);
        var styler = table.chart().getStyler();
        assertEquals("$0.0047", styler.getxAxisTickLabelsFormattingFunction().apply(0.0047));
        assertEquals("0.7941", styler.getyAxisTickLabelsFormattingFunction().apply(0.79411764));
        assertEquals(
                List.of("zero-shot", "few <shot>", "head", "lora", "full"),
                CostChart.labels(table.rows()).stream().map(CostChart.Label::text).toList());
        assertEquals(10.0, CostChart.labels(table.rows()).get(3).x(), 1e-9);
        String svg = table.svg();
        assertTrue(svg.contains("<svg"));
        byte[] png = table.png();
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
    }

    @Test
    void renderingsEscapeHighlightAndExplain() {
        String html = table.toHtml();
        assertTrue(html.contains("few &lt;shot&gt;"), html);
        assertEquals(3, html.split("font-weight:bold").length - 1);
        assertTrue(html.contains("Best baseline: zero-shot (accuracy 0.65)"), html);
        assertTrue(html.contains("data:image/png;base64,"), "chart embedded");
        String text = table.toText();
        assertTrue(text.contains("Price overridden: 3600.0 USD/hour."), text);
        assertTrue(text.lines().filter(l -> l.startsWith("* ")).count() == 3, text);
    }

    @Test
    void projectedRowsAreMarkedEstimate() {
        CostTable onH100 =
                CostTable.of(runs, CostModel.builtIn(CostOptions.DEFAULT.withGpu("H100")));
        assertTrue(onH100.rows().stream().allMatch(CostEstimate::estimated));
        assertTrue(onH100.toText().contains("estimate"));
    }

    @Test
    void nothingPlottableIsAClearError() {
        CostTable empty = CostTable.of(List.of(), model);
        var e = assertThrows(IllegalArgumentException.class, empty::chart);
        assertTrue(e.getMessage().contains("no run has both"), e.getMessage());
        assertTrue(empty.toHtml().contains("<table"));
    }
}
