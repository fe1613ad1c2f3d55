package dev.tunebook.finetune.cost;

import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.MainMetric;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.view.ChartImages;
import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code %cost} result: one {@link CostEstimate} per baseline and fine-tune run (evaluation
 * runs are left out), the Pareto frontier of total cost against accuracy, and for each fine-tune
 * the extra dollars each accuracy point gained over the best baseline costs.
 *
 * <p>Instances are immutable.
 */
public final class CostTable {
    /** The header of the column that prices each fine-tune's gain over the best baseline. */
    public static final String GAIN_COLUMN = "$ per point gained over best baseline";

    private final CostModel model;
    private final List<CostEstimate> rows;
    private final List<CostEstimate> frontier;

    /** Whether a run without inference figures of its own was priced by another's or by FLOPs. */
    private final boolean borrowed;

    /** Tokens per request ("209 in, 48 out") of the runs that generated, by run id. */
    private final Map<String, String> tokens;

    /** The name of the metric in the accuracy column ({@code accuracy}, {@code rougeL}, ...). */
    private final String metric;

    private CostTable(
            CostModel model,
            List<CostEstimate> rows,
            boolean borrowed,
            Map<String, String> tokens,
            String metric) {
        this.model = model;
        this.metric = metric;
        this.borrowed = borrowed;
        this.tokens = Map.copyOf(tokens);
        this.rows = List.copyOf(rows);
        this.frontier = ParetoFrontier.of(rows);
    }

    /** Prices every baseline and fine-tune among {@code runs} with {@code model}. */
    public static CostTable of(List<RunRecord> runs, CostModel model) {
        return of(runs, runs, model);
    }

    /**
     * Prices the baselines and fine-tunes among {@code priced} with {@code model}, finding their
     * evaluation runs and measured siblings among {@code runs} (the whole store): the table of one
     * task when a store holds several (each fine-tune's gain is then measured against the best
     * baseline of that task alone).
     */
    public static CostTable of(List<RunRecord> priced, List<RunRecord> runs, CostModel model) {
        return of(priced, runs, model, null);
    }

    /**
     * Prices the runs as {@link #of(List, List, CostModel)} does, comparing them by {@code metric}
     * (of the run, or of the evaluation run linked to it) instead of each run's headline metric
     * ({@link MainMetric}): {@code exact_match} for a question with one right answer, say, where
     * generation runs headline ROUGE-L. A run without that metric has no accuracy in the table.
     *
     * @param metric the metric's name, or null for each run's headline metric
     */
    public static CostTable of(
            List<RunRecord> priced, List<RunRecord> runs, CostModel model, String metric) {
        List<CostEstimate> rows =
                priced.stream()
                        .filter(r -> r.kind() == RunKind.BASELINE || r.kind() == RunKind.FINETUNE)
                        .map(r -> estimate(r, runs, model, metric))
                        .toList();
        boolean borrowed =
                priced.stream()
                        .anyMatch(
                                r ->
                                        (r.kind() == RunKind.BASELINE
                                                        || r.kind() == RunKind.FINETUNE)
                                                && !measured(r)
                                                && !measured(LinkedEvaluation.of(r, runs)));
        Map<String, String> tokens = new LinkedHashMap<>();
        for (RunRecord r : priced) {
            RequestTokens.of(r, LinkedEvaluation.of(r, runs)).ifPresent(t -> tokens.put(r.id(), t));
        }
        return new CostTable(model, rows, borrowed, tokens, label(priced, runs, metric));
    }

    private static CostEstimate estimate(
            RunRecord run, List<RunRecord> runs, CostModel model, String metric) {
        RunRecord evaluation = LinkedEvaluation.of(run, runs);
        CostEstimate estimate = model.estimate(run, measuredSibling(run, runs), evaluation);
        if (metric == null) {
            return estimate;
        }
        Optional<Double> value = run.metric(metric);
        if (value.isEmpty() && evaluation != null) {
            value = evaluation.metric(metric);
        }
        return estimate.withAccuracy(value.orElse(null));
    }

    /**
     * Returns the accuracy column's name: {@code metric} if given, else the headline metric every
     * priced run shares, else "headline metric".
     */
    private static String label(List<RunRecord> priced, List<RunRecord> runs, String metric) {
        if (metric != null) {
            return metric;
        }
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (RunRecord run : priced) {
            if (run.kind() != RunKind.BASELINE && run.kind() != RunKind.FINETUNE) {
                continue;
            }
            Optional<String> name = MainMetric.name(run);
            RunRecord evaluation = LinkedEvaluation.of(run, runs);
            if (name.isEmpty() && evaluation != null) {
                name = MainMetric.name(evaluation);
            }
            name.ifPresent(names::add);
        }
        if (names.isEmpty()) {
            return "accuracy";
        }
        return names.size() == 1 ? names.iterator().next() : "headline metric";
    }

    /** Returns the name of the metric the accuracy column holds. */
    public String metric() {
        return metric;
    }

    /**
     * Returns the most accurate run of the same model on the same device with inference
     * measurements, or null. Inference is priced alike only if it is measured alike.
     */
    static RunRecord measuredSibling(RunRecord run, List<RunRecord> runs) {
        if (measured(run) || run.model() == null) {
            return null;
        }
        // The most accurate one: that is the baseline a fine-tune's gain is measured against, so
        // both are then priced by the same measurement and their difference is training alone.
        RunRecord found = null;
        double foundScore = Double.NEGATIVE_INFINITY;
        for (RunRecord other : runs) {
            if (other != run
                    && measured(other)
                    && run.model().equals(other.model())
                    && sameDevice(run.device(), other.device())) {
                double score = MainMetric.value(other).orElse(Double.NEGATIVE_INFINITY);
                if (found == null || score > foundScore) {
                    found = other;
                    foundScore = score;
                }
            }
        }
        return found;
    }

    /** Compares device labels loosely: {@code cpu} and DJL's {@code cpu()} are one device. */
    private static boolean sameDevice(String a, String b) {
        return a != null
                && b != null
                && DeviceNames.single(a)
                        .replace("()", "")
                        .equalsIgnoreCase(DeviceNames.single(b).replace("()", ""));
    }

    private static boolean measured(RunRecord run) {
        InferenceFigures f = run == null ? null : run.inference();
        return f != null
                && (f.throughputPerSecond() != null && f.throughputPerSecond() > 0
                        || f.latencyMsP50() != null);
    }

    /** Returns one estimate per run, in the order given. */
    public List<CostEstimate> rows() {
        return rows;
    }

    /** Returns the Pareto-optimal runs, cheapest first. */
    public List<CostEstimate> frontier() {
        return frontier;
    }

    /** Returns the baseline with the highest accuracy, if any baseline has one. */
    public Optional<CostEstimate> bestBaseline() {
        return rows.stream()
                .filter(r -> r.kind() == RunKind.BASELINE && r.accuracy() != null)
                // of equally accurate baselines, the cheaper one is the one to beat
                .max(
                        Comparator.comparingDouble(CostEstimate::accuracy)
                                .thenComparing(
                                        r ->
                                                r.totalUsd() == null
                                                        ? Double.NEGATIVE_INFINITY
                                                        : -r.totalUsd()));
    }

    /**
     * Returns what {@code run} gains over the best baseline (see {@link GainOverBaseline}); empty
     * for baselines or when a figure is missing.
     */
    public Optional<GainOverBaseline> gain(CostEstimate run) {
        Optional<CostEstimate> base = bestBaseline();
        if (run.kind() != RunKind.FINETUNE
                || base.isEmpty()
                || !run.plottable()
                || !base.get().plottable()) {
            return Optional.empty();
        }
        return Optional.of(GainOverBaseline.of(run, base.get()));
    }

    /** Returns the table; Pareto-optimal rows are highlighted. */
    public TableView table() {
        boolean showTokens = rows.stream().anyMatch(r -> tokens.containsKey(r.runId()));
        List<String> header =
                new java.util.ArrayList<>(
                        List.of(
                                "run",
                                "kind",
                                "method",
                                metric,
                                "device",
                                "training $",
                                "inference $",
                                "total $",
                                "estimate",
                                GAIN_COLUMN,
                                "frontier"));
        if (showTokens) {
            header.add(6, "tokens per request");
        }
        TableView table = new TableView(header);
        for (CostEstimate r : rows) {
            boolean onFrontier = frontier.contains(r);
            List<String> cells =
                    new java.util.ArrayList<>(
                            List.of(
                                    r.runName(),
                                    r.kind().id(),
                                    orEmpty(r.method()),
                                    Html.number(r.accuracy()),
                                    orEmpty(r.device()),
                                    usd(r.trainingUsd()),
                                    usd(r.inferenceUsd()),
                                    usd(r.totalUsd()),
                                    r.estimated() ? "estimate" : "",
                                    gain(r).map(GainOverBaseline::describe).orElse(""),
                                    onFrontier ? "yes" : ""));
            if (showTokens) {
                cells.add(6, tokens.getOrDefault(r.runId(), ""));
            }
            if (onFrontier) {
                table.addHighlighted(cells);
            } else {
                table.add(cells);
            }
        }
        return table;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String usd(Double v) {
        return Money.usd(v);
    }

    /** Returns the accuracy-versus-total-cost chart (see {@link CostChart}). */
    public org.knowm.xchart.XYChart chart() {
        return CostChart.of(rows, frontier, metric);
    }

    /** Returns a sentence per fact a reader needs: workload, prices, best baseline. */
    public List<String> notes() {
        CostOptions o = model.options();
        List<String> notes = new java.util.ArrayList<>();
        notes.add(
                "Inference workload: "
                        + o.requests()
                        + " requests x "
                        + o.tokensPerRequest()
                        + " tokens. Training once plus that workload = total.");
        notes.add(
                o.gpu() == null
                        ? "Each run is priced on the device it ran on."
                        : "Every run is priced on "
                                + o.gpu()
                                + "; times measured elsewhere are"
                                + " projected by FLOP throughput (marked estimate).");
        if (borrowed) {
            notes.add(
                    "A run without inference measurements of its own is priced by the measured"
                            + " speed of a run of the same model on the same device, else by"
                            + " FLOPs (marked estimate).");
        }
        if (o.usdPerHour() != null) {
            notes.add("Price overridden: " + o.usdPerHour() + " USD/hour.");
        }
        bestBaseline()
                .ifPresent(
                        b ->
                                notes.add(
                                        "Best baseline: "
                                                + b.runName()
                                                + " ("
                                                + metric
                                                + " "
                                                + Html.number(b.accuracy())
                                                + "). "
                                                + GAIN_COLUMN
                                                + ": a fine-tune's total cost above the best"
                                                + " baseline's, divided by the "
                                                + metric
                                                + " points it gains over it (1 point = "
                                                + (metric.equals("accuracy")
                                                        ? "1% accuracy"
                                                        : "0.01 " + metric)
                                                + ")."));
        return notes;
    }

    /** Returns the table, notes and the chart (when any run is plottable) as HTML. */
    public String toHtml() {
        StringBuilder out = new StringBuilder(table().html(Integer.MAX_VALUE));
        notes().forEach(n -> out.append("<p>").append(Html.escape(n)).append("</p>\n"));
        if (!frontier.isEmpty()) {
            out.append(ChartImages.htmlImage(png(), metric + " against total cost")).append('\n');
        }
        return out.toString();
    }

    /** Returns the table and notes as text. */
    public String toText() {
        StringBuilder out = new StringBuilder(table().text(Integer.MAX_VALUE));
        notes().forEach(n -> out.append(n).append('\n'));
        return out.toString();
    }

    /** Returns {@link #chart()} as an SVG document. */
    public String svg() {
        return ChartImages.svg(chart());
    }

    /** Returns {@link #chart()} as PNG bytes. */
    public byte[] png() {
        return ChartImages.png(chart());
    }
}
