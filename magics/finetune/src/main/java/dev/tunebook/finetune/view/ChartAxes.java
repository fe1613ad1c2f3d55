package dev.tunebook.finetune.view;

import java.util.function.Function;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Tick labels that stay short: XChart's default prints a one-valued axis with every digit ({@code
 * 0.794117647058823}, which squeezes the plot) and small values without their leading zero ({@code
 * .0047}). Whole numbers (steps, counts) print as they are, other values with {@value #DIGITS}
 * significant digits.
 */
public final class ChartAxes {
    /** Significant digits of a tick label that is not a whole number. */
    public static final int DIGITS = 4;

    private ChartAxes() {}

    /** Sets both axes of the chart styled by {@code styler} to short tick labels. */
    public static void readable(AxesChartStyler styler) {
        styler.setxAxisTickLabelsFormattingFunction(ChartAxes::label);
        styler.setyAxisTickLabelsFormattingFunction(ChartAxes::label);
    }

    /** Sets the x axis of the chart styled by {@code styler} to US dollars ({@code $0.0047}). */
    public static void dollarsOnX(AxesChartStyler styler) {
        styler.setxAxisTickLabelsFormattingFunction(dollars());
    }

    /** Returns the tick label of {@code value}: a whole number as is, else 4 significant digits. */
    public static String label(Double value) {
        if (value == null) {
            return "";
        }
        double v = value;
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Html.significant(v, DIGITS);
    }

    /** Returns tick labels in US dollars: {@code $0.0047}, {@code $12.5}, {@code -$3}. */
    public static Function<Double, String> dollars() {
        return value -> {
            if (value == null) {
                return "";
            }
            String amount = label(Math.abs(value));
            return (value < 0 ? "-$" : "$") + amount;
        };
    }
}
