package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.view.ChartImages;
import java.awt.GraphicsEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadlessChartsTest {
    @Test
    void chartsRenderWithoutADisplay() {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire runs with java.awt.headless=true");
        var chart =
                ClassificationMetrics.of(List.of("a", "b"), List.of("a", "a"))
                        .confusionMatrix()
                        .chart();
        assertTrue(ChartImages.png(chart).length > 0);
        assertTrue(ChartImages.svg(chart).contains("<svg"));
    }
}
