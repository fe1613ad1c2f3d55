package dev.tunebook.finetune.runs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the one number that summarises a run in tables and cost charts, higher being better: {@code
 * accuracy} if the run has it, else {@code macro_f1}, ROUGE-L ({@code rougeL} as generation runs
 * record it, or {@code rouge_l}), {@code exact_match}, else the first metric of the preferred split
 * that is not a loss or a perplexity (lower is better there, so they cannot stand for a gain).
 */
public final class MainMetric {
    /** Splits searched first, in order; other splits follow in stored order. */
    public static final List<String> SPLIT_PREFERENCE =
            List.of("test", "validation", "eval", "val");

    /** Metric names preferred as the headline, in order. */
    public static final List<String> NAME_PREFERENCE =
            List.of("accuracy", "macro_f1", "rougeL", "rouge_l", "exact_match");

    private MainMetric() {}

    /** Returns the name of the headline metric of {@code run}, if it has any metric. */
    public static Optional<String> name(RunRecord run) {
        for (String name : NAME_PREFERENCE) {
            if (run.metric(name).isPresent()) {
                return Optional.of(name);
            }
        }
        for (String split : SPLIT_PREFERENCE) {
            Map<String, Double> m = run.metrics().get(split);
            Optional<String> first = m == null ? Optional.empty() : higherIsBetter(m);
            if (first.isPresent()) {
                return first;
            }
        }
        return run.metrics().values().stream()
                .map(MainMetric::higherIsBetter)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> higherIsBetter(Map<String, Double> metrics) {
        return metrics.keySet().stream()
                .filter(n -> !n.contains("loss") && !n.contains("perplexity"))
                .findFirst();
    }

    /** Returns the value of the headline metric of {@code run}, if it has any metric. */
    public static Optional<Double> value(RunRecord run) {
        return name(run).flatMap(run::metric);
    }
}
