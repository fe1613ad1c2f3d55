package dev.tunebook.finetune.runs;

import dev.tunebook.finetune.view.ChartAxes;
import dev.tunebook.finetune.view.ChartImages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Curves of one logged quantity ({@code loss}, {@code lr}, or a step metric such as {@code
 * val_accuracy}) against the step, one series per run, for {@code %plot}.
 *
 * <p>Runs without that quantity are left out and listed by {@link #missing()}. Instances are
 * immutable.
 */
public final class RunPlot {
    private final String quantity;
    private final XYChart chart;
    private final List<String> missing;

    private RunPlot(String quantity, XYChart chart, List<String> missing) {
        this.quantity = quantity;
        this.chart = chart;
        this.missing = List.copyOf(missing);
    }

    /**
     * Plots {@code quantity} for {@code runs}.
     *
     * @throws IllegalArgumentException if no run logged {@code quantity} at any step
     */
    public static RunPlot of(List<RunRecord> runs, String quantity) {
        return of(runs, quantity, "step");
    }

    /**
     * Plots {@code quantity} against {@code xAxis}: {@code step}, {@code epoch}, {@code seconds} or
     * {@code examples_seen}; steps lacking either value are left out.
     *
     * @throws IllegalArgumentException if no run logged both at any step
     */
    public static RunPlot of(List<RunRecord> runs, String quantity, String xAxis) {
        XYChart chart =
                new XYChartBuilder()
                        .width(720)
                        .height(420)
                        .title(quantity + " by " + xAxis)
                        .xAxisTitle(xAxis)
                        .yAxisTitle(quantity)
                        .build();
        ChartAxes.readable(chart.getStyler());
        List<String> missing = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (RunRecord run : runs) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (RunStep s : run.steps()) {
                Double v = s.value(quantity);
                Double x = xAxis.equals("step") ? Double.valueOf(s.step()) : s.value(xAxis);
                if (v != null && Double.isFinite(v) && x != null) {
                    xs.add(x);
                    ys.add(v);
                }
            }
            if (xs.isEmpty()) {
                missing.add(run.name());
                continue;
            }
            String name = used.add(run.name()) ? run.name() : run.name() + " (" + run.id() + ")";
            used.add(name);
            chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException(
                    "no run has '"
                            + quantity
                            + "' against '"
                            + xAxis
                            + "' in its logged steps (runs: "
                            + missing
                            + ")");
        }
        return new RunPlot(quantity, chart, missing);
    }

    /** Returns the plotted quantity. */
    public String quantity() {
        return quantity;
    }

    /** Returns the chart; one series per plotted run, named after it. */
    public XYChart chart() {
        return chart;
    }

    /** Returns the names of runs that had nothing to plot. */
    public List<String> missing() {
        return missing;
    }

    /** Returns the chart as PNG bytes. */
    public byte[] png() {
        return ChartImages.png(chart);
    }

    /** Returns the chart as an SVG document. */
    public String svg() {
        return ChartImages.svg(chart);
    }
}
