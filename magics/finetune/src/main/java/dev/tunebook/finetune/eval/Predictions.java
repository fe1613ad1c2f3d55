package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-example predictions of one evaluation, for looking at what a model gets wrong.
 *
 * <p>Instances are immutable.
 */
public final class Predictions {
    /** Cells longer than this are cut, so one long input cannot swamp the table. */
    static final int MAX_CELL_CHARS = 300;

    private final List<Prediction> rows;

    /** Creates a table of {@code rows} in the given order. */
    public Predictions(List<Prediction> rows) {
        this.rows = List.copyOf(rows);
    }

    /** Returns the rows. */
    public List<Prediction> rows() {
        return rows;
    }

    /** Returns how many predictions are wrong. */
    public long errorCount() {
        return rows.stream().filter(p -> !p.correct()).count();
    }

    /**
     * Returns a copy with the wrong predictions first; within each group the most confident
     * predictions come first (a missing score sorts last), ties keep their original order.
     */
    public Predictions errorsFirst() {
        List<Prediction> sorted = new ArrayList<>(rows);
        Comparator<Prediction> byCorrect = Comparator.comparing(Prediction::correct);
        Comparator<Prediction> byScore =
                Comparator.comparing(
                        Prediction::score, Comparator.nullsLast(Comparator.reverseOrder()));
        sorted.sort(byCorrect.thenComparing(byScore));
        return new Predictions(sorted);
    }

    /** Returns the table view: id, input, gold, predicted, score, correct. */
    public TableView table() {
        TableView table =
                new TableView(List.of("id", "input", "gold", "predicted", "score", "correct"));
        for (Prediction p : rows) {
            table.add(
                    List.of(
                            cut(p.id()),
                            cut(p.input()),
                            cut(p.gold()),
                            cut(p.predicted()),
                            Html.number(p.score()),
                            p.correct() ? "yes" : "no"));
        }
        return table;
    }

    /** Returns an HTML table of at most {@code maxRows} rows, every cell escaped. */
    public String toHtml(int maxRows) {
        return table().html(maxRows);
    }

    /** Returns aligned text of at most {@code maxRows} rows. */
    public String toText(int maxRows) {
        return table().text(maxRows);
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS) + "…";
    }
}
