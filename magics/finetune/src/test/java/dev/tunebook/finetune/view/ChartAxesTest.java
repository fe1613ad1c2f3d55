package dev.tunebook.finetune.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class ChartAxesTest {
    @Test
    void tickLabelsHaveFewDigitsAndTheirLeadingZero() {
        assertEquals("0.7941", ChartAxes.label(0.794117647058823));
        assertEquals("0.3", ChartAxes.label(0.1 + 0.2));
        assertEquals("0.0047", ChartAxes.label(0.0047));
        assertEquals("120", ChartAxes.label(120.0));
        assertEquals("12345", ChartAxes.label(12345.0));
        assertEquals("$0.0047", ChartAxes.dollars().apply(0.0047));
        assertEquals("$4.7e-5", ChartAxes.dollars().apply(0.000047));
        assertEquals("-$3", ChartAxes.dollars().apply(-3.0));
    }

    @Test
    void aChartWithOneValueRendersWithShortLabels() {
        XYChart chart = new XYChartBuilder().width(480).height(280).title("accuracy").build();
        ChartAxes.readable(chart.getStyler());
        chart.addSeries("val accuracy", new double[] {12}, new double[] {0.794117647058823});
        assertEquals(
                "0.7941",
                chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.794117647058823));
        assertEquals("12", chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(12.0));
        byte[] png = ChartImages.png(chart);
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertArrayEquals(header, Arrays.copyOf(png, 8));
        assertTrue(png.length > 1000, "PNG of " + png.length + " bytes");
    }
}
