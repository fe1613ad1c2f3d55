package dev.tunebook.finetune.train;

import dev.tunebook.finetune.view.ChartAxes;
import dev.tunebook.finetune.view.ChartImages;
import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The live view of a training run: a progress bar (step of total, percent, elapsed, ETA,
 * examples/s, tokens/s, loss, learning rate, best validation metric) and the loss and metric
 * curves, rendered by {@link #render()} as HTML with embedded PNG charts (XChart), PNG and plain
 * text, and by {@link #line()} as the one line the headless runner prints. {@link
 * TrainingListener}s receive it as the run goes.
 *
 * <p>Instances are not thread-safe; the trainer updates one and its listeners read it on the
 * training thread.
 */
public final class TrainingProgress {
    /**
     * The view rendered once: text, HTML (bar and charts) and the loss chart as PNG.
     *
     * @param text the progress line
     * @param html the bar with the loss chart and, when the run selects by a metric, its chart
     * @param png the loss chart
     */
    public record Rendered(String text, String html, byte[] png) {}

    /**
     * How far the evaluation of a split has come.
     *
     * @param split the split evaluated ({@code train}, {@code val}, {@code test})
     * @param batch the batches done
     * @param batches the batches in all
     */
    public record Evaluation(String split, int batch, int batches) {}

    private final String name;
    private final int total;
    private final String metric;
    private final List<double[]> trainLoss = new ArrayList<>();
    private final List<double[]> valLoss = new ArrayList<>();
    private final List<double[]> valMetric = new ArrayList<>();
    private int step;
    private double seconds;
    private double elapsed;
    private double loss = Double.NaN;
    private double lr;
    private long examples;
    private long tokens;
    private Double best;
    private Double lastMetric;
    private String status = "running";
    private String message;
    private Evaluation evaluation;
    private final Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();

    /** Creates the view of run {@code name} of {@code total} steps, selecting by {@code metric}. */
    public TrainingProgress(String name, int total, String metric) {
        this.name = name;
        this.total = total;
        this.metric = metric;
    }

    /** Records a finished step (1-based) with its loss, rate and the run's totals. */
    public void step(int step, double loss, double lr, long examples, long tokens, double seconds) {
        this.step = step;
        this.loss = loss;
        this.lr = lr;
        this.examples = examples;
        this.tokens = tokens;
        this.seconds = seconds;
        this.elapsed = seconds;
        this.evaluation = null;
        trainLoss.add(new double[] {step, loss});
    }

    /** Records a validation result at {@code step}. */
    public void evaluation(int step, double loss, Double metricValue, Double best) {
        valLoss.add(new double[] {step, loss});
        if (metricValue != null && !"loss".equals(metric)) {
            valMetric.add(new double[] {step, metricValue});
        }
        this.lastMetric = metricValue;
        this.best = best;
    }

    /** Sets the status shown ({@code running}, {@code completed}, ...). */
    public void status(String value) {
        this.status = value;
        this.evaluation = null;
    }

    /**
     * Records that {@code batch} of {@code batches} batches of {@code split} are evaluated, {@code
     * seconds} into the run; the bar shows it until the next step or the end of the run.
     */
    public void evaluating(String split, int batch, int batches, double seconds) {
        this.evaluation = new Evaluation(split, batch, batches);
        this.elapsed = Math.max(elapsed, seconds);
    }

    /** Returns the evaluation under way, if any. */
    public java.util.Optional<Evaluation> evaluation() {
        return java.util.Optional.ofNullable(evaluation);
    }

    /** Sets the message shown below the charts: how the run ended. */
    public void message(String value) {
        this.message = value;
    }

    /** Records the final metrics of {@code split}, shown as a table below the charts. */
    public void metrics(String split, Map<String, Double> values) {
        metrics.put(split, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** Returns the final metrics recorded so far, by split in the order recorded. */
    public Map<String, Map<String, Double>> metrics() {
        return Collections.unmodifiableMap(metrics);
    }

    /**
     * Returns the seconds into the run of the latest step or evaluated batch (training time up to
     * the last step, then the final evaluation's time on top).
     */
    public double elapsedSeconds() {
        return elapsed;
    }

    /** Returns the last step recorded (1-based; 0 before the first). */
    public int step() {
        return step;
    }

    /** Returns the run's name. */
    public String name() {
        return name;
    }

    /** Returns the number of steps the run will take. */
    public int total() {
        return total;
    }

    /** Returns the status shown ({@code running} until the run ends). */
    public String status() {
        return status;
    }

    /** Returns the steps recorded with their training loss. */
    public List<double[]> trainLoss() {
        return List.copyOf(trainLoss);
    }

    /** Returns the headless progress line. */
    public String line() {
        StringBuilder out =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "step %d/%d loss %.4f lr %.1e",
                                step,
                                total,
                                loss,
                                lr));
        if (lastMetric != null) {
            out.append(String.format(Locale.ROOT, " val_%s %.3f", shortName(), lastMetric));
        }
        out.append(String.format(Locale.ROOT, " %.1f ex/s", examplesPerSecond()));
        return out.toString();
    }

    private String shortName() {
        return "accuracy".equals(metric) ? "acc" : metric;
    }

    private double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }

    /** Returns the view as HTML (with charts), PNG (the loss curves) and text. */
    public Rendered render() {
        byte[] lossPng = ChartImages.png(chart("loss", trainLoss, valLoss));
        StringBuilder html = new StringBuilder("<div class=\"tunebook-training\">");
        html.append(bar()).append(ChartImages.htmlImage(lossPng, "loss of " + name));
        if (!valMetric.isEmpty()) {
            byte[] metricPng = ChartImages.png(chart(metric, List.of(), valMetric));
            html.append(ChartImages.htmlImage(metricPng, metric + " of " + name));
        }
        StringBuilder text = new StringBuilder(line());
        evaluation()
                .ifPresent(
                        e ->
                                text.append(
                                        String.format(
                                                Locale.ROOT,
                                                " · evaluating %s: %d/%d batches · elapsed %s",
                                                e.split(),
                                                e.batch(),
                                                e.batches(),
                                                clock(elapsed))));
        if (message != null) {
            html.append("<p>").append(Html.escape(message)).append("</p>");
            text.append('\n').append(message);
        }
        if (!metrics.isEmpty()) {
            TableView table = SplitMetrics.table(metrics);
            html.append(table.html(Integer.MAX_VALUE));
            text.append('\n').append(table.text(Integer.MAX_VALUE).stripTrailing());
        }
        html.append("</div>");
        return new Rendered(text.toString(), html.toString(), lossPng);
    }

    private String bar() {
        double fraction = total == 0 ? 0 : (double) step / total;
        double eta = step == 0 ? 0 : seconds / step * (total - step);
        return String.format(
                Locale.ROOT,
                "<div><b>%s</b> — %s<br/><progress value=\"%d\" max=\"%d\"></progress> %d/%d"
                        + " (%.0f%%) · elapsed %s · ETA %s · %.1f examples/s · %.0f tokens/s<br/>"
                        + "%sloss %.4f · lr %.2e · best val %s %s</div>",
                Html.escape(name),
                Html.escape(status),
                step,
                total,
                step,
                total,
                fraction * 100,
                clock(elapsed),
                clock(eta),
                examplesPerSecond(),
                seconds > 0 ? tokens / seconds : 0,
                evaluation == null ? "" : evaluationBar(evaluation),
                loss,
                lr,
                Html.escape(metric),
                best == null ? "–" : String.format(Locale.ROOT, "%.4f", best));
    }

    private static String evaluationBar(Evaluation e) {
        return String.format(
                Locale.ROOT,
                "evaluating %s: <progress value=\"%d\" max=\"%d\"></progress> %d/%d batches<br/>",
                Html.escape(e.split()),
                e.batch(),
                e.batches(),
                e.batch(),
                e.batches());
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private XYChart chart(String title, List<double[]> train, List<double[]> val) {
        XYChart chart =
                new XYChartBuilder()
                        .width(480)
                        .height(280)
                        .title(name + ": " + title)
                        .xAxisTitle("step")
                        .yAxisTitle(title)
                        .build();
        ChartAxes.readable(chart.getStyler());
        addSeries(chart, "train " + title, train);
        addSeries(chart, "val " + title, val);
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no data yet", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String name, List<double[]> points) {
        if (points.isEmpty()) {
            return;
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> Double.isFinite(p[1]) ? p[1] : 0).toArray();
        chart.addSeries(name, x, y)
                .setMarker(x.length > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    @Override
    public String toString() {
        return line();
    }
}
