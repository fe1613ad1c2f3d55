package dev.tunebook.finetune.runs;

import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.List;

/**
 * The {@code %runs} listing: one row per run with name, kind, status, model, method, headline
 * metric, training time, trainable parameters and start time, plus a note naming any skipped files.
 *
 * <p>Instances are immutable.
 */
public final class RunTable {
    static final List<String> HEADER =
            List.of(
                    "name",
                    "kind",
                    "status",
                    "model",
                    "method",
                    "metric",
                    "value",
                    "train time",
                    "trainable",
                    "started",
                    "id");

    private final RunListing listing;

    /** Creates the table over a listing (see {@link RunStore#list()}). */
    public RunTable(RunListing listing) {
        this.listing = listing;
    }

    /** Returns the table over every run in {@code store}. */
    public static RunTable of(RunStore store) {
        return new RunTable(store.list());
    }

    /** Returns the rows as cell text, oldest run first. */
    public TableView table() {
        TableView table = new TableView(HEADER);
        for (RunRecord r : listing.runs()) {
            String metric = MainMetric.name(r).orElse("");
            table.add(
                    List.of(
                            r.name(),
                            r.kind().id(),
                            r.status() == null ? "" : r.status().id(),
                            nullToEmpty(r.model()),
                            nullToEmpty(r.method()),
                            metric,
                            Html.number(MainMetric.value(r).orElse(null)),
                            RunFormat.duration(r.trainSeconds()),
                            RunFormat.count(r.trainableParams()),
                            RunFormat.minute(r.startedAt()),
                            r.id()));
        }
        return table;
    }

    /** Returns an HTML table of at most {@code maxRows} runs and the skipped files. */
    public String toHtml(int maxRows) {
        StringBuilder out = new StringBuilder(table().html(maxRows));
        if (listing.runs().isEmpty()) {
            out.append("<p>No runs recorded yet.</p>\n");
        }
        for (SkippedFile s : listing.skipped()) {
            out.append("<p>Skipped unreadable run file ").append(Html.escape(s.toString()));
            out.append("</p>\n");
        }
        return out.toString();
    }

    /** Returns aligned text of at most {@code maxRows} runs and the skipped files. */
    public String toText(int maxRows) {
        StringBuilder out = new StringBuilder(table().text(maxRows));
        if (listing.runs().isEmpty()) {
            out.append("No runs recorded yet.\n");
        }
        listing.skipped()
                .forEach(s -> out.append("Skipped unreadable run file ").append(s).append('\n'));
        return out.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
