package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.runs.RunRecord;
import java.util.Map;

/**
 * A recorded evaluation: the run as stored (a {@code baseline} or {@code eval} run) and the
 * evaluation of each split, shown one report after another.
 *
 * @param run the stored run record
 * @param evaluations the evaluations by split, in the order they ran
 */
public record EvaluationRun(RunRecord run, Map<String, Evaluation> evaluations) {
    /** Copies the map, keeping its order. */
    public EvaluationRun {
        evaluations =
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evaluations));
    }

    /** Returns the accuracy on {@code split}. */
    public double accuracy(String split) {
        Evaluation e = evaluations.get(split);
        if (e == null) {
            throw new IllegalArgumentException(
                    "run "
                            + run.id()
                            + " has no evaluation of '"
                            + split
                            + "': "
                            + evaluations.keySet());
        }
        return e.accuracy();
    }

    /** Returns the reports as HTML, headed by the run's id, kind and method. */
    public String toHtml() {
        StringBuilder reports = new StringBuilder();
        evaluations.values().forEach(e -> reports.append(e.report().toHtml()));
        return RunReports.html(run, reports.toString());
    }

    /** Returns the reports as plain text. */
    public String toText() {
        StringBuilder reports = new StringBuilder();
        evaluations.values().forEach(e -> reports.append(e.report().toText()).append('\n'));
        return RunReports.text(run, reports.toString());
    }

    @Override
    public String toString() {
        return toText();
    }
}
