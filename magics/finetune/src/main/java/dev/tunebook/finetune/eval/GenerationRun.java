package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.view.Html;

/**
 * A recorded generation evaluation: the run as stored and the report of its split.
 *
 * @param run the stored run record
 * @param report the metrics, decoding settings and per-example outputs
 */
public record GenerationRun(RunRecord run, GenerationReport report) {

    /** Returns the report as HTML, headed by the run's id, kind and method. */
    public String toHtml() {
        return "<div class=\"tunebook-run\"><p>"
                + Html.escape(heading())
                + "</p>\n"
                + report.toHtml()
                + "</div>\n";
    }

    /** Returns the report as plain text. */
    public String toText() {
        return heading() + '\n' + report.toText();
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
