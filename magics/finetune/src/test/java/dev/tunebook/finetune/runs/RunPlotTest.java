package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPlotTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final List<RunRecord> runs =
            List.of(
                    RunAnalysisFixtures.lora("20261126-061500-bbbb", 2e-4, 0.81),
                    RunAnalysisFixtures.lora("20261126-062000-cccc", 1e-3, 0.78),
                    RunAnalysisFixtures.baseline());

    @Test
    void oneSeriesPerRunWithItsPoints() {
        RunPlot plot = RunPlot.of(runs, "loss");
        var series = plot.chart().getSeriesMap();
        assertEquals(
                List.of("lora <r8>", "lora <r8> (20261126-062000-cccc)"),
                List.copyOf(series.keySet()));
        assertEquals(4, series.get("lora <r8>").getXData().length);
        assertEquals(0.25, series.get("lora <r8>").getYData()[3], 1e-12);
        assertEquals(List.of("zero-shot"), plot.missing());
    }

    @Test
    void plotsStepMetricsByName() {
        var series = RunPlot.of(runs, "val_accuracy").chart().getSeriesMap();
        assertEquals(0.9, series.get("lora <r8>").getYData()[3], 1e-12);
    }

    @Test
    void plotsAgainstAnotherAxis() {
        RunRecord r =
                RunAnalysisFixtures.baseline().toBuilder()
                        .setName("with-epochs")
                        .addStep(new RunStep(1, 0.5, 0.9, null, null, null, null))
                        .addStep(new RunStep(2, null, 0.8, null, null, null, null))
                        .addStep(new RunStep(3, 1.5, 0.7, null, null, null, null))
                        .build();
        var series = RunPlot.of(List.of(r), "loss", "epoch").chart().getSeriesMap();
        assertArrayEquals(new double[] {0.5, 1.5}, series.get("with-epochs").getXData(), 1e-12);
        assertEquals("epoch", RunPlot.of(List.of(r), "loss", "epoch").chart().getXAxisTitle());
    }

    @Test
    void encodesPngAndSvgHeadless() {
        RunPlot plot = RunPlot.of(runs, "loss");
        byte[] png = plot.png();
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
        String svg = plot.svg();
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertTrue(svg.length() > 1000);
    }

    @Test
    void unknownQuantityIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> RunPlot.of(runs, "bleu"));
        assertTrue(e.getMessage().contains("no run has 'bleu'"), e.getMessage());
    }
}
