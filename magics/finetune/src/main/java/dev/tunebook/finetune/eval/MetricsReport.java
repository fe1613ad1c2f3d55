package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.view.ChartImages;
import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one evaluation as a reader sees it: headline metrics, per-class scores and the
 * confusion matrix (for classification), and the predictions with errors first.
 *
 * <p>Instances are immutable; build them with {@link #builder()}.
 */
public final class MetricsReport {
    private final String title;
    private final Map<String, Double> metrics;
    private final ClassificationMetrics classification;
    private final Predictions predictions;
    private final int maxRows;
    private final boolean chart;

    private MetricsReport(Builder b) {
        this.title = b.title;
        this.metrics = new LinkedHashMap<>(b.metrics);
        this.classification = b.classification;
        this.predictions = b.predictions == null ? null : b.predictions.errorsFirst();
        this.maxRows = b.maxRows;
        this.chart = b.chart;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the title. */
    public String title() {
        return title;
    }

    /** Returns the headline metrics by name, in insertion order. */
    public Map<String, Double> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }

    /** Returns the predictions with errors first, or {@code null} if none were given. */
    public Predictions predictions() {
        return predictions;
    }

    /** Returns the headline metrics as a two-column table. */
    public TableView metricsTable() {
        TableView table = new TableView(List.of("metric", "value"));
        metrics.forEach((k, v) -> table.add(List.of(k, Html.number(v))));
        return table;
    }

    /** Returns per-class precision, recall, F1 and support, or {@code null} without labels. */
    public TableView perClassTable() {
        if (classification == null) {
            return null;
        }
        TableView table = new TableView(List.of("label", "precision", "recall", "f1", "support"));
        for (ClassScore s : classification.perClass()) {
            table.add(
                    List.of(
                            s.label(),
                            Html.number(s.precision()),
                            Html.number(s.recall()),
                            Html.number(s.f1()),
                            Integer.toString(s.support())));
        }
        return table;
    }

    /** Returns the report as HTML: tables, the confusion-matrix chart, the predictions. */
    public String toHtml() {
        StringBuilder out = new StringBuilder("<div class=\"tunebook-metrics\">\n<h3>");
        out.append(Html.escape(title)).append("</h3>\n").append(metricsTable().html(1000));
        if (classification != null) {
            out.append("<h4>Per class</h4>\n").append(perClassTable().html(1000));
            if (chart) {
                byte[] png = classification.confusionMatrix().png();
                out.append(ChartImages.htmlImage(png, "confusion matrix")).append('\n');
            }
        }
        if (predictions != null) {
            out.append("<h4>Predictions (")
                    .append(predictions.errorCount())
                    .append(" wrong of ")
                    .append(predictions.rows().size())
                    .append(", errors first)</h4>\n")
                    .append(predictions.toHtml(maxRows));
        }
        return out.append("</div>\n").toString();
    }

    /** Returns the report as plain text. */
    public String toText() {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(metricsTable().text(1000));
        if (classification != null) {
            out.append('\n').append(perClassTable().text(1000));
            out.append('\n').append(classification.confusionMatrix().toText());
        }
        if (predictions != null) {
            out.append('\n').append(predictions.toText(maxRows));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    /** Builds a {@link MetricsReport}. Instances are not thread-safe. */
    public static final class Builder {
        private String title;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private ClassificationMetrics classification;
        private Predictions predictions;
        private int maxRows = 20;
        private boolean chart = true;

        private Builder() {}

        /** Sets the title (required). */
        public Builder setTitle(String title) {
            this.title = title;
            return this;
        }

        /** Adds a headline metric. */
        public Builder optMetric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        /** Adds classification results: their summary metrics, per-class table and matrix. */
        public Builder optClassification(ClassificationMetrics classification) {
            this.classification = classification;
            classification.summary().forEach(metrics::putIfAbsent);
            return this;
        }

        /** Adds per-example predictions, shown errors first. */
        public Builder optPredictions(Predictions predictions) {
            this.predictions = predictions;
            return this;
        }

        /** Caps the predictions shown (default 20). */
        public Builder optMaxRows(int maxRows) {
            this.maxRows = maxRows;
            return this;
        }

        /** Sets whether the HTML embeds the confusion-matrix chart (default true). */
        public Builder optChart(boolean chart) {
            this.chart = chart;
            return this;
        }

        /** Returns the report. */
        public MetricsReport build() {
            if (title == null) {
                throw new IllegalStateException("MetricsReport needs a title (setTitle)");
            }
            return new MetricsReport(this);
        }
    }
}
