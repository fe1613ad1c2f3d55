package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.view.ChartAxes;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy against total cost: baselines and fine-tunes as scatter series, the Pareto frontier as a
 * line through its runs, cheapest first, and each point labelled with its run's name.
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
        return of(rows, frontier, "accuracy");
    }

    /**
     * Returns the chart of {@code rows} with {@code frontier} highlighted, {@code metric} naming
     * the vertical axis.
     *
     * @throws IllegalArgumentException if no row has both accuracy and total cost
     */
    public static XYChart of(List<CostEstimate> rows, List<CostEstimate> frontier, String metric) {
        if (frontier.isEmpty()) {
            throw new IllegalArgumentException(
                    "no run has both an accuracy and a total cost to plot");
        }
        XYChart chart =
                new XYChartBuilder()
                        .width(720)
                        .height(460)
                        .title(
                                Character.toUpperCase(metric.charAt(0))
                                        + metric.substring(1)
                                        + " against total cost")
                        .xAxisTitle("total cost (USD)")
                        .yAxisTitle(metric)
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
        labels(rows)
                .forEach(
                        l ->
                                chart.addAnnotation(
                                        new AnnotationText(l.text(), l.x(), l.y(), false)));
        return chart;
    }

    /**
     * A run's name placed just above its point, in data coordinates.
     *
     * @param text the run's name
     * @param x the run's total cost
     * @param y just above the run's accuracy
     */
    public record Label(String text, double x, double y) {}

    /** Returns the label of every plottable run, a little above its point. */
    public static List<Label> labels(List<CostEstimate> rows) {
        List<CostEstimate> points = rows.stream().filter(CostEstimate::plottable).toList();
        double low = points.stream().mapToDouble(CostEstimate::accuracy).min().orElse(0);
        double high = points.stream().mapToDouble(CostEstimate::accuracy).max().orElse(0);
        double lift = high > low ? (high - low) * 0.04 : 0.005;
        return points.stream()
                .map(r -> new Label(r.runName(), r.totalUsd(), r.accuracy() + lift))
                .toList();
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
