package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.view.ChartAxes;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy against total cost: baselines and fine-tunes as scatter series, the Pareto frontier as a
 * line through its runs, cheapest first.
 */
public final class CostChart {
    /** Series names, as the legend shows them. */
    public static final String BASELINES = "baselines";

    public static final String FINETUNES = "fine-tunes";
    public static final String FRONTIER = "Pareto frontier";

    private CostChart() {}

    /**
     * Returns the chart of {@code rows} with {@code frontier} highlighted.
     *
     * @throws IllegalArgumentException if no row has both accuracy and total cost
     */
    public static XYChart of(List<CostEstimate> rows, List<CostEstimate> frontier) {
        if (frontier.isEmpty()) {
            throw new IllegalArgumentException(
                    "no run has both an accuracy and a total cost to plot");
        }
        XYChart chart =
                new XYChartBuilder()
                        .width(720)
                        .height(460)
                        .title("Accuracy against total cost")
                        .xAxisTitle("total cost (USD)")
                        .yAxisTitle("accuracy")
                        .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        ChartAxes.readable(chart.getStyler());
        ChartAxes.dollarsOnX(chart.getStyler());
        addScatter(chart, BASELINES, rows, RunKind.BASELINE);
        addScatter(chart, FINETUNES, rows, RunKind.FINETUNE);
        XYSeries line =
                chart.addSeries(
                        FRONTIER,
                        frontier.stream().map(CostEstimate::totalUsd).toList(),
                        frontier.stream().map(CostEstimate::accuracy).toList());
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.DIAMOND);
        return chart;
    }

    private static void addScatter(
            XYChart chart, String name, List<CostEstimate> rows, RunKind kind) {
        List<CostEstimate> points =
                rows.stream().filter(r -> r.kind() == kind && r.plottable()).toList();
        if (!points.isEmpty()) {
            chart.addSeries(
                    name,
                    points.stream().map(CostEstimate::totalUsd).toList(),
                    points.stream().map(CostEstimate::accuracy).toList());
        }
    }
}
