package dev.tunebook.finetune.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.internal.chartpart.Chart;

/** Charts of a {@link DatasetSummary}: label distribution and token-length histogram. */
public final class DatasetCharts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    private DatasetCharts() {}

    /** Returns a bar chart of label counts with one series per split. */
    public static CategoryChart labelDistribution(String title, DatasetSummary summary) {
        if (summary.labelCounts().isEmpty()) {
            throw new IllegalArgumentException("the dataset has no labels to chart");
        }
        CategoryChart chart = base(title, "label", "rows");
        for (Map.Entry<String, Map<String, Integer>> split : summary.labelCounts().entrySet()) {
            Map<String, Integer> counts = split.getValue();
            chart.addSeries(
                    split.getKey(),
                    new ArrayList<>(counts.keySet()),
                    new ArrayList<>(counts.values()));
        }
        return chart;
    }

    /** Returns a histogram of token lengths in {@code bins} equal-width bins. */
    public static CategoryChart tokenLengthHistogram(
            String title, DatasetSummary summary, int bins) {
        int[] lengths = summary.tokenLengths();
        if (lengths.length == 0) {
            throw new IllegalArgumentException("no rows to chart");
        }
        List<Integer> data = Arrays.stream(lengths).boxed().toList();
        LengthStats stats = summary.lengths();
        double max = stats.max() == stats.min() ? stats.min() + 1 : stats.max();
        Histogram histogram = new Histogram(data, bins, stats.min(), max);
        CategoryChart chart = base(title, "tokens", "rows");
        List<String> labels =
                histogram.getxAxisData().stream().map(x -> String.valueOf(Math.round(x))).toList();
        chart.addSeries("rows", labels, histogram.getyAxisData());
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** Returns {@code chart} encoded as a PNG image. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CategoryChart base(String title, String xTitle, String yTitle) {
        return new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
    }
}
