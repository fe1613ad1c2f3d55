package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;

class ConfusionMatrixTest {
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final ConfusionMatrix matrix =
            ClassificationMetrics.of(
                            List.of("neg", "neg", "pos", "pos", "pos"),
                            List.of("neg", "pos", "pos", "pos", "neg"))
                    .confusionMatrix();

    @Test
    void chartHoldsOneCellPerLabelPair() {
        HeatMapChart chart = matrix.chart();
        var series = chart.getHeatMapSeries();
        assertEquals(List.of("neg", "pos"), series.getXData());
        assertEquals(4, series.getHeatData().size());
        Number[] negAsPos = series.getHeatData().get(1);
        assertEquals(List.of(1, 0, 1), Arrays.stream(negAsPos).map(Number::intValue).toList());
    }

    @Test
    void pngHasPngHeader() {
        byte[] png = matrix.png();
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
        assertTrue(png.length > 1000, "PNG of " + png.length + " bytes");
    }

    @Test
    void textShowsCounts() {
        String text = matrix.toText();
        assertTrue(text.contains("gold\\pred"), text);
        String[] lines = text.split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[2].matches("pos\\s+1\\s+2"), lines[2]);
    }
}
