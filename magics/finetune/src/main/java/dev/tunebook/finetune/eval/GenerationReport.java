package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a generation evaluation: mean metrics, the decoding settings and every example's
 * output, shown as a metrics table and a per-example table (input, reference, output, ROUGE-L).
 *
 * @param title what was evaluated
 * @param metrics {@code rouge1}, {@code rouge2}, {@code rougeL} (mean F-measures), {@code
 *     exact_match}, {@code reference_perplexity}, {@code output_tokens} and {@code prompt_tokens}
 *     (means per example), {@code examples}
 * @param settings the decoding settings, as recorded in the run's hyperparameters
 * @param outputs every example, in split order
 * @param inference how fast the model generated these outputs from these prompts (requests per
 *     second at the batch size used; at batch size 1 also the per-request latencies), or null
 */
public record GenerationReport(
        String title,
        Map<String, Double> metrics,
        Map<String, Object> settings,
        List<GenerationOutput> outputs,
        InferenceFigures inference) {
    /** Rows the tables show by default. */
    public static final int SHOWN_ROWS = 20;

    /** Copies the maps and the list, keeping their order. */
    public GenerationReport {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        outputs = List.copyOf(outputs);
    }

    /** Returns the metrics as a two-column table. */
    public TableView metricsTable() {
        TableView table = new TableView(List.of("metric", "value"));
        metrics.forEach((k, v) -> table.add(List.of(k, Html.number(v))));
        return table;
    }

    /** Returns the per-example table: id, input, reference, output, ROUGE-L F. */
    public TableView examplesTable() {
        TableView table = new TableView(List.of("row", "input", "reference", "output", "rougeL"));
        for (GenerationOutput o : outputs) {
            table.add(
                    List.of(
                            o.id(),
                            o.input(),
                            o.reference(),
                            o.output(),
                            Html.number(o.rouge().rougeL().fmeasure())));
        }
        return table;
    }

    /** Returns the report as HTML. */
    public String toHtml() {
        return "<div class=\"tunebook-metrics\">\n<h3>"
                + Html.escape(title)
                + "</h3>\n"
                + metricsTable().html(1000)
                + "<p>"
                + Html.escape(settingsLine())
                + "</p>\n<h4>Generations (first "
                + Math.min(SHOWN_ROWS, outputs.size())
                + " of "
                + outputs.size()
                + ")</h4>\n"
                + examplesTable().html(SHOWN_ROWS)
                + "</div>\n";
    }

    /** Returns the report as plain text. */
    public String toText() {
        return title
                + '\n'
                + metricsTable().text(1000)
                + '\n'
                + settingsLine()
                + '\n'
                + examplesTable().text(SHOWN_ROWS);
    }

    private String settingsLine() {
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> parts.add(k + "=" + v));
        return "decoding: " + String.join(", ", parts);
    }

    @Override
    public String toString() {
        return toText();
    }
}
