package dev.tunebook.finetune.data;

import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TablePreview;
import dev.tunebook.finetune.view.TableView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * What {@code %dataset load} shows: the first rows, row counts per split, the label distribution
 * (chart), and a histogram of lengths measured by a tokenizer (or in words without one), with the
 * rows longer than a limit counted.
 *
 * @param dataset the dataset
 * @param summary its summary under {@code unit}
 * @param unit what lengths are counted in ({@code tokens} or {@code words})
 * @param maxLength the length limit to report rows over, 0 for none
 */
public record DatasetOverview(Dataset dataset, DatasetSummary summary, String unit, int maxLength) {

    /**
     * Summarises {@code dataset}, measuring rows with {@code tokens} (a tokenizer's count), or in
     * whitespace-separated words when {@code tokens} is null.
     */
    public static DatasetOverview of(Dataset dataset, ToIntFunction<String> tokens, int maxLength) {
        ToIntFunction<String> length =
                tokens != null
                        ? tokens
                        : text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;
        return new DatasetOverview(
                dataset, dataset.summarize(length), tokens != null ? "tokens" : "words", maxLength);
    }

    /** Returns the number of rows longer than {@link #maxLength()} (0 without a limit). */
    public long rowsOverLimit() {
        return maxLength <= 0
                ? 0
                : Arrays.stream(summary.tokenLengths()).filter(n -> n > maxLength).count();
    }

    /** Returns the first rows as a table, long cells cut (see {@link TablePreview}). */
    public TableView preview() {
        return TablePreview.firstRows(dataset.table());
    }

    /** Returns the rows per split (and per label for classification) as a table. */
    public TableView splits() {
        List<String> labels = dataset.labelNames();
        List<String> header = new ArrayList<>(List.of("split", "rows"));
        header.addAll(labels);
        TableView table = new TableView(header);
        summary.rowsPerSplit()
                .forEach(
                        (split, rows) -> {
                            List<String> cells = new ArrayList<>(List.of(split, rows.toString()));
                            labels.forEach(
                                    l ->
                                            cells.add(
                                                    String.valueOf(
                                                            summary.labelCounts()
                                                                    .get(split)
                                                                    .get(l))));
                            table.add(cells);
                        });
        return table;
    }

    /**
     * Returns the label ids in the order that label texts (such as {@code %baseline --labels})
     * follow, e.g. {@code labels (in the order --labels follows): 0 = negative, 1 = positive};
     * empty for a dataset without labels.
     */
    public String labelOrderLine() {
        List<String> labels = dataset.labelNames();
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("labels (in the order --labels follows): ");
        for (int i = 0; i < labels.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(i).append(" = ").append(labels.get(i));
        }
        return line.toString();
    }

    /** Returns the warning about labels never seen in train, empty when there are none. */
    public String unseenLabelsWarning() {
        UnseenLabels unseen = dataset.unseenLabels();
        return unseen.isEmpty() ? "" : "warning: " + unseen.message();
    }

    /** Returns the length line: min, median, mean, p95, max, and rows over the limit. */
    public String lengthLine() {
        LengthStats s = summary.lengths();
        String over =
                maxLength > 0
                        ? String.format(
                                Locale.ROOT,
                                "; %d rows over %d %s",
                                rowsOverLimit(),
                                maxLength,
                                unit)
                        : "";
        return String.format(
                Locale.ROOT,
                "length in %s: min %d, median %d, mean %.1f, p95 %d, max %d%s",
                unit,
                s.min(),
                s.median(),
                s.mean(),
                s.p95(),
                s.max(),
                over);
    }

    /** Returns the label distribution chart as PNG, or null for a dataset without labels. */
    public byte[] labelChartPng() {
        return summary.labelCounts().isEmpty()
                ? null
                : DatasetCharts.png(DatasetCharts.labelDistribution("labels per split", summary));
    }

    /** Returns the length histogram as PNG. */
    public byte[] lengthChartPng() {
        return DatasetCharts.png(
                DatasetCharts.tokenLengthHistogram("length in " + unit, summary, 20));
    }

    /** Returns the overview as plain text. */
    public String toText() {
        StringBuilder text = new StringBuilder(dataset.toString()).append('\n');
        for (String line : List.of(unseenLabelsWarning(), labelOrderLine())) {
            text.append(line).append(line.isEmpty() ? "" : "\n");
        }
        text.append('\n');
        text.append(preview().text(TablePreview.ROWS)).append('\n');
        text.append(splits().text(100)).append('\n').append(lengthLine());
        if (!dataset.skippedRows().isEmpty()) {
            text.append('\n').append(dataset.skippedRows().size()).append(" bad rows skipped");
        }
        return text.toString();
    }

    /** Returns the overview as HTML with the charts inline. */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"tb-dataset\"><p><b>");
        html.append(Html.escape(dataset.toString())).append("</b></p>");
        if (!unseenLabelsWarning().isEmpty()) {
            html.append("<p style=\"color:#b00020\"><b>")
                    .append(Html.escape(unseenLabelsWarning()))
                    .append("</b></p>");
        }
        if (!labelOrderLine().isEmpty()) {
            html.append("<p>").append(Html.escape(labelOrderLine())).append("</p>");
        }
        html.append(preview().html(TablePreview.ROWS)).append(splits().html(100));
        html.append("<p>").append(Html.escape(lengthLine())).append("</p>");
        for (RowProblem problem : dataset.skippedRows().stream().limit(10).toList()) {
            html.append("<p>skipped: ").append(Html.escape(problem.toString())).append("</p>");
        }
        byte[] labels = labelChartPng();
        if (labels != null) {
            html.append(img(labels));
        }
        return html.append(img(lengthChartPng())).append("</div>").toString();
    }

    private static String img(byte[] png) {
        return "<img src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png)
                + "\"/>";
    }
}
