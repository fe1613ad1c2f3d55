package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.view.ChartImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * Counts of (gold, predicted) label pairs, laid out as scikit-learn's {@code confusion_matrix}: row
 * {@code i} is gold label {@code i}, column {@code j} is predicted label {@code j}.
 *
 * <p>Instances are immutable.
 */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final int[][] counts;

    ConfusionMatrix(List<String> labels, int[][] counts) {
        this.labels = List.copyOf(labels);
        this.counts = counts;
    }

    /** Returns the labels in row (and column) order. */
    public List<String> labels() {
        return labels;
    }

    /**
     * Returns how many examples with gold label {@code gold} were predicted as {@code predicted}.
     */
    public int count(int gold, int predicted) {
        return counts[gold][predicted];
    }

    /** Returns a copy of the counts, rows indexed by gold label. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Returns a heat map with predicted labels across and gold labels down. */
    public HeatMapChart chart() {
        HeatMapChart chart =
                new HeatMapChartBuilder()
                        .width(120 + 70 * labels.size())
                        .height(100 + 60 * labels.size())
                        .title("Confusion matrix")
                        .xAxisTitle("predicted")
                        .yAxisTitle("gold")
                        .build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setLegendVisible(false);
        List<Number[]> cells = new ArrayList<>();
        for (int gold = 0; gold < labels.size(); gold++) {
            for (int pred = 0; pred < labels.size(); pred++) {
                cells.add(new Number[] {pred, gold, counts[gold][pred]});
            }
        }
        chart.addSeries("counts", labels, labels, cells);
        return chart;
    }

    /** Returns {@link #chart()} as PNG bytes. */
    public byte[] png() {
        return ChartImages.png(chart());
    }

    /** Returns the matrix as aligned text, gold labels down and predicted labels across. */
    public String toText() {
        int width = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(0) + 1);
        StringBuilder out =
                new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "gold\\pred"));
        for (String label : labels) {
            out.append(String.format(Locale.ROOT, "%" + width + "s", label));
        }
        out.append('\n');
        for (int gold = 0; gold < labels.size(); gold++) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", labels.get(gold)));
            for (int pred = 0; pred < labels.size(); pred++) {
                out.append(String.format(Locale.ROOT, "%" + width + "d", counts[gold][pred]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
