package dev.tunebook.finetune.tuned;

import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predictions as a table: one row per text with its predicted label and the probability of every
 * label, and, for rows of a dataset, the row's id, gold label and whether the prediction is right.
 * What {@code %predict} shows.
 *
 * @param title what was predicted, by which model
 * @param labels the label columns, in the head's order
 * @param predictions the predictions, in order
 * @param rowIds each prediction's row in its dataset, or null for free text
 * @param gold each prediction's gold label, or null for free text
 */
public record PredictionTable(
        String title,
        List<String> labels,
        List<TextPrediction> predictions,
        List<String> rowIds,
        List<String> gold) {
    /** The most rows the views show. */
    public static final int MAX_ROWS = 200;

    /** Checks that row ids and gold labels, when given, come one per prediction. */
    public PredictionTable {
        labels = List.copyOf(labels);
        predictions = List.copyOf(predictions);
        rowIds = rowIds == null ? null : List.copyOf(rowIds);
        gold = gold == null ? null : List.copyOf(gold);
        if ((rowIds != null && rowIds.size() != predictions.size())
                || (gold != null && gold.size() != predictions.size())) {
            throw new IllegalArgumentException(
                    "row ids and gold labels must come one per prediction");
        }
    }

    /** Returns the table of predictions for free texts. */
    public static PredictionTable of(
            String title, List<String> labels, List<TextPrediction> predictions) {
        return new PredictionTable(title, labels, predictions, null, null);
    }

    /** Returns the share of predictions that match their gold label, or NaN for free text. */
    public double accuracy() {
        if (gold == null || predictions.isEmpty()) {
            return Double.NaN;
        }
        long right = 0;
        for (int i = 0; i < predictions.size(); i++) {
            right += predictions.get(i).label().equals(gold.get(i)) ? 1 : 0;
        }
        return (double) right / predictions.size();
    }

    /** Returns the table: row, text, gold and correct (dataset rows), predicted, p(label)... */
    public TableView view() {
        List<String> header = new ArrayList<>();
        if (rowIds != null) {
            header.add("row");
        }
        header.add("text");
        if (gold != null) {
            header.add("gold");
            header.add("correct");
        }
        header.add("predicted");
        labels.forEach(l -> header.add("p(" + l + ")"));
        TableView table = new TableView(header);
        for (int i = 0; i < predictions.size(); i++) {
            TextPrediction p = predictions.get(i);
            List<String> cells = new ArrayList<>();
            if (rowIds != null) {
                cells.add(rowIds.get(i));
            }
            cells.add(p.text());
            if (gold != null) {
                cells.add(gold.get(i));
                cells.add(p.label().equals(gold.get(i)) ? "yes" : "no");
            }
            cells.add(p.label());
            labels.forEach(l -> cells.add(String.format(Locale.ROOT, "%.4f", p.scoreOf(l))));
            table.add(cells);
        }
        return table;
    }

    /** Returns the title and the table as aligned text. */
    public String toText() {
        return heading() + "\n" + view().text(MAX_ROWS);
    }

    /** Returns the title and the table as HTML, every cell escaped. */
    public String toHtml() {
        return "<h4>" + Html.escape(heading()) + "</h4>\n" + view().html(MAX_ROWS);
    }

    private String heading() {
        double accuracy = accuracy();
        return Double.isNaN(accuracy)
                ? title
                : String.format(Locale.ROOT, "%s — accuracy %.3f", title, accuracy);
    }
}
