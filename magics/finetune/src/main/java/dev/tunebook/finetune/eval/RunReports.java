package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.view.Html;

/**
 * How a recorded evaluation shows, whatever its task: the run's heading (id, kind, method, model)
 * above the reports of what it measured. {@link EvaluationRun} and {@link GenerationRun} render
 * through it.
 */
final class RunReports {
    private RunReports() {}

    /** Returns {@code reports} (HTML) under the run's heading, in a {@code tunebook-run} div. */
    static String html(RunRecord run, String reports) {
        return "<div class=\"tunebook-run\"><p>"
                + Html.escape(heading(run))
                + "</p>\n"
                + reports
                + "</div>\n";
    }

    /** Returns {@code reports} (plain text) under the run's heading. */
    static String text(RunRecord run, String reports) {
        return heading(run) + '\n' + reports;
    }

    private static String heading(RunRecord run) {
        return "run "
                + run.id()
                + " ("
                + run.kind().id()
                + (run.method() == null ? "" : ", " + run.method())
                + ", "
                + run.model()
                + ")";
    }
}
