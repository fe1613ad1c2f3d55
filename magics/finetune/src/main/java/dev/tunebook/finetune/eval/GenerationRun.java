package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.runs.RunRecord;

/**
 * A recorded generation evaluation: the run as stored and the report of its split.
 *
 * @param run the stored run record
 * @param report the metrics, decoding settings and per-example outputs
 */
public record GenerationRun(RunRecord run, GenerationReport report) {

    /** Returns the report as HTML, headed by the run's id, kind and method. */
    public String toHtml() {
        return RunReports.html(run, report.toHtml());
    }

    /** Returns the report as plain text. */
    public String toText() {
        return RunReports.text(run, report.toText());
    }

    @Override
    public String toString() {
        return toText();
    }
}
