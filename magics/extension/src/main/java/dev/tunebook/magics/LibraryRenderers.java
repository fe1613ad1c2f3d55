package dev.tunebook.magics;

import dev.tunebook.finetune.cost.CostTable;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetOverview;
import dev.tunebook.finetune.eval.EvaluationRun;
import dev.tunebook.finetune.eval.GenerationComparison;
import dev.tunebook.finetune.eval.GenerationRun;
import dev.tunebook.finetune.eval.MetricsReport;
import dev.tunebook.finetune.eval.Predictions;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.model.ModelCard;
import dev.tunebook.finetune.prompt.PromptPreview;
import dev.tunebook.finetune.retrieval.RetrievalEvaluation;
import dev.tunebook.finetune.runs.RunPlot;
import dev.tunebook.finetune.runs.RunTable;
import dev.tunebook.finetune.tokenize.TokenView;
import dev.tunebook.finetune.train.TrainingProgress;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.finetune.tuned.PredictionTable;
import dev.tunebook.finetune.view.ChartImages;
import dev.tunebook.finetune.view.Html;
import dev.tunebook.finetune.view.TableView;
import dev.tunebook.kernel.ExtensionContext;
import dev.tunebook.kernel.MimeBundle;
import org.knowm.xchart.internal.chartpart.Chart;

/** Registers how the library's result types display: HTML (with charts inline) and plain text. */
final class LibraryRenderers {
    static final int MAX_ROWS = 50;

    private LibraryRenderers() {}

    static void register(ExtensionContext context) {
        context.addRenderer(
                ModelCard.class, card -> new MimeBundle().text(card.toText()).html(card.toHtml()));
        context.addRenderer(
                LoadedModel.class,
                model -> {
                    ModelCard card = model.card(model.source());
                    return new MimeBundle().text(card.toText()).html(card.toHtml());
                });
        context.addRenderer(
                TokenView.class, view -> new MimeBundle().text(view.toText()).html(view.toHtml()));
        context.addRenderer(
                DatasetOverview.class,
                view -> new MimeBundle().text(view.toText()).html(view.toHtml()));
        context.addRenderer(
                Dataset.class,
                dataset -> {
                    String html = "<p>" + Html.escape(dataset.toString()) + "</p>";
                    return new MimeBundle().text(dataset.toString()).html(html);
                });
        context.addRenderer(PromptPreview.class, new PromptPreviewRenderer());
        context.addRenderer(
                RunTable.class,
                table ->
                        new MimeBundle()
                                .text(table.toText(Integer.MAX_VALUE))
                                .html(table.toHtml(Integer.MAX_VALUE)));
        context.addRenderer(RunPlot.class, LibraryRenderers::plot);
        context.addRenderer(ComparisonView.class, LibraryRenderers::comparison);
        context.addRenderer(
                CostTable.class,
                table -> new MimeBundle().text(table.toText()).html(table.toHtml()));
        context.addRenderer(
                MetricsReport.class,
                report -> new MimeBundle().text(report.toText()).html(report.toHtml()));
        context.addRenderer(
                Predictions.class,
                p -> new MimeBundle().text(p.toText(MAX_ROWS)).html(p.toHtml(MAX_ROWS)));
        context.addRenderer(
                TableView.class,
                t -> new MimeBundle().text(t.text(MAX_ROWS)).html(t.html(MAX_ROWS)));
        context.addRenderer(Chart.class, LibraryRenderers::chart);
        context.addRenderer(tech.tablesaw.api.Table.class, new TablesawTableRenderer());
        context.addRenderer(TrainingRun.class, TrainingViews::bundle);
        context.addRenderer(
                PredictionTable.class,
                table -> new MimeBundle().text(table.toText()).html(table.toHtml()));
        context.addRenderer(TrainingProgress.class, TrainingViews::bundle);
        context.addRenderer(
                EvaluationRun.class, run -> new MimeBundle().text(run.toText()).html(run.toHtml()));
        context.addRenderer(
                GenerationRun.class, run -> new MimeBundle().text(run.toText()).html(run.toHtml()));
        context.addRenderer(
                RetrievalEvaluation.class,
                evaluation -> new MimeBundle().text(evaluation.toText()).html(evaluation.toHtml()));
        context.addRenderer(
                GenerationComparison.class,
                view -> new MimeBundle().text(view.toText()).html(view.toHtml()));
    }

    private static MimeBundle plot(RunPlot plot) {
        String text =
                "plot of "
                        + plot.quantity()
                        + " ("
                        + plot.chart().getSeriesMap().keySet()
                        + ")"
                        + (plot.missing().isEmpty() ? "" : "; nothing logged by " + plot.missing());
        return new MimeBundle().text(text).png(plot.png());
    }

    private static MimeBundle comparison(ComparisonView view) {
        boolean only = view.onlyDifferences();
        return new MimeBundle()
                .text(view.comparison().toText(only))
                .html(view.comparison().toHtml(only));
    }

    private static MimeBundle chart(Chart<?, ?> chart) {
        return MimeBundle.ofText("chart: " + chart.getTitle()).png(ChartImages.png(chart));
    }
}
