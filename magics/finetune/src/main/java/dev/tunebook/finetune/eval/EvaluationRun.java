package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.view.Html;
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
        StringBuilder out =
                new StringBuilder("<div class=\"tunebook-run\"><p>")
                        .append(Html.escape(heading()))
                        .append("</p>\n");
        evaluations.values().forEach(e -> out.append(e.report().toHtml()));
        return out.append("</div>\n").toString();
    }

    /** Returns the reports as plain text. */
    public String toText() {
        StringBuilder out = new StringBuilder(heading()).append('\n');
        evaluations.values().forEach(e -> out.append(e.report().toText()).append('\n'));
        return out.toString();
    }

    private String heading() {
        return "run "
                + run.id()
                + " ("
                + run.kind().id()
                + (run.method() == null ? "" : ", " + run.method())
                + ", "
                + run.model()
                + ")";
    }

    @Override
    public String toString() {
        return toText();
    }
}
