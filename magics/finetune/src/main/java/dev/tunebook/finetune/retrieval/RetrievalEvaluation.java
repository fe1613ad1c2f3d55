package dev.tunebook.finetune.retrieval;

import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A retrieval evaluation: the run as stored, its metrics, and what each query retrieved, shown
 * misses first.
 *
 * @param run the stored run record
 * @param metrics recall@1/5/10 and MRR@10
 * @param results one per query, in the order given
 */
public record RetrievalEvaluation(
        RunRecord run, RetrievalMetrics metrics, List<QueryResult> results) {
    private static final int SHOWN = 20;

    /** Copies the list. */
    public RetrievalEvaluation {
        results = List.copyOf(results);
    }

    /** Returns the metrics as a table of name and value. */
    public TableView metricsTable() {
        TableView table = new TableView(List.of("metric", "value"));
        metrics.asMap()
                .forEach((k, v) -> table.add(List.of(k, String.format(Locale.ROOT, "%.4f", v))));
        return table;
    }

    /**
     * Returns one row per query, misses first, then by rank from worst: query, relevant id, its
     * rank ({@code -} when not in the first {@value RetrievalMetrics#DEPTH}), and the best passage
     * retrieved with its score.
     */
    public TableView queriesTable() {
        TableView table =
                new TableView(List.of("query", "relevant", "rank", "retrieved first", "score"));
        results.stream()
                .sorted(
                        Comparator.comparingInt(
                                        (QueryResult r) ->
                                                r.rank() == 0 ? Integer.MAX_VALUE : r.rank())
                                .reversed())
                .forEach(
                        r -> {
                            RetrievedPassage first = r.retrieved().get(0);
                            table.add(
                                    List.of(
                                            r.query(),
                                            r.relevant(),
                                            r.rank() == 0 ? "-" : Integer.toString(r.rank()),
                                            first.id(),
                                            String.format(Locale.ROOT, "%.3f", first.score())));
                        });
        return table;
    }

    /** Returns the report as HTML. */
    public String toHtml() {
        return "<div class=\"tunebook-run\"><p>"
                + Html.escape(heading())
                + "</p>\n"
                + metricsTable().html(SHOWN)
                + queriesTable().html(SHOWN)
                + "</div>\n";
    }

    /** Returns the report as plain text. */
    public String toText() {
        return heading() + "\n" + metricsTable().text(SHOWN) + "\n" + queriesTable().text(SHOWN);
    }

    private String heading() {
        return "run "
                + run.id()
                + " (eval, retrieval, "
                + run.model()
                + "): "
                + metrics.queries()
                + " queries against index "
                + run.hyperparameters().get("index")
                + " of "
                + run.hyperparameters().get("passages")
                + " passages";
    }
}
