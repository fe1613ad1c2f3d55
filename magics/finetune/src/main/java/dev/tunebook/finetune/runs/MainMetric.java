package dev.tunebook.finetune.runs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the one number that summarises a run in tables and cost charts: {@code accuracy} if the run
 * has it, else {@code macro_f1}, {@code exact_match}, {@code rouge_l}, else the first metric of the
 * preferred split.
 */
public final class MainMetric {
    /** Splits searched first, in order; other splits follow in stored order. */
    public static final List<String> SPLIT_PREFERENCE =
            List.of("test", "validation", "eval", "val");

    /** Metric names preferred as the headline, in order. */
    public static final List<String> NAME_PREFERENCE =
            List.of("accuracy", "macro_f1", "exact_match", "rouge_l");

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
            if (m != null && !m.isEmpty()) {
                return Optional.of(m.keySet().iterator().next());
            }
        }
        return run.metrics().values().stream()
                .filter(m -> !m.isEmpty())
                .map(m -> m.keySet().iterator().next())
                .findFirst();
    }

    /** Returns the value of the headline metric of {@code run}, if it has any metric. */
    public static Optional<Double> value(RunRecord run) {
        return name(run).flatMap(run::metric);
    }
}
