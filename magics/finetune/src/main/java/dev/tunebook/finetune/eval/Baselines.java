package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.DeviceLabel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.List;
import java.util.Locale;

/**
 * What a model achieves without training, measured and recorded as a {@code baseline} run:
 *
 * <ul>
 *   <li>encoders ({@link BertModel}): zero-shot label-description similarity, and k-shot nearest
 *       centroid ({@link EmbeddingClassifier});
 *   <li>causal language models: zero-shot and k-shot prompting through the chat template, scored by
 *       the log-likelihood of each label's answer ({@link LikelihoodClassifier}) or, with {@link
 *       BaselineSettings#generate()}, by parsing a generated answer ({@link GenerationClassifier}).
 * </ul>
 *
 * <pre>{@code
 * BaselineSettings eightShot = BaselineSettings.builder()
 *         .optShots(8)
 *         .optLabelTexts(List.of("This is a negative review.", "This is a positive review."))
 *         .build();
 * EvaluationRun run =
 *         Baselines.run(model, tokenizer, uci, eightShot, RunStore.open(), "all-MiniLM-L6-v2");
 * }</pre>
 */
public final class Baselines {
    private Baselines() {}

    /**
     * Returns the classifier that {@code settings} describe for {@code model}.
     *
     * @throws IllegalArgumentException if the settings do not fit the model or dataset (label texts
     *     of the wrong count, too few rows for the shots, a causal model without a chat template)
     */
    public static TextClassifier classifier(
            LanguageModel model, Tokenizer tokenizer, Dataset dataset, BaselineSettings settings) {
        List<String> labels = dataset.labelNames();
        List<String> texts = settings.labelTexts().isEmpty() ? labels : settings.labelTexts();
        if (texts.size() != labels.size()) {
            throw new IllegalArgumentException(
                    texts.size()
                            + " label texts given for the "
                            + labels.size()
                            + " labels "
                            + labels
                            + " (in this order)");
        }
        if (model instanceof BertModel bert) {
            return encoder(
                    new TextEncoder(
                            bert, tokenizer, 64, maxLength(bert, settings), settings.pooling()),
                    dataset,
                    settings,
                    texts);
        }
        if (model instanceof CausalLanguageModel causal) {
            return CausalBaseline.classifier(causal, tokenizer, dataset, settings, texts);
        }
        throw new IllegalArgumentException(
                "baselines need an encoder (BERT, MiniLM) or a causal language model, not "
                        + model.getClass().getSimpleName());
    }

    private static int maxLength(BertModel bert, BaselineSettings settings) {
        int positions = bert.config() == null ? Integer.MAX_VALUE : bert.config().maxPositions();
        if (settings.maxLengthSet() && settings.maxLength() > positions) {
            throw new IllegalArgumentException(
                    "--max-length "
                            + settings.maxLength()
                            + " is more than the model's "
                            + positions
                            + " positions");
        }
        return settings.maxLength();
    }

    private static TextClassifier encoder(
            TextEncoder encoder, Dataset dataset, BaselineSettings settings, List<String> texts) {
        if (settings.shots() == 0) {
            return EmbeddingClassifier.zeroShot(encoder, dataset.labelNames(), texts);
        }
        FewShotSample sample =
                FewShotSample.draw(
                        dataset, settings.trainSplit(), settings.shots(), settings.seed());
        return EmbeddingClassifier.nearestCentroid(encoder, sample.texts(dataset));
    }

    /**
     * Measures the baseline on {@code settings.splits()} and records it in {@code store} as a run
     * of kind {@code baseline} named after the method ({@code zero-shot}, {@code 8-shot}), whose
     * hyperparameters are the settings (so {@link BaselineSettings#fromRun} can rebuild it), and
     * whose {@code inference} figures time the baseline as used (see {@link
     * BaselineSettings#profiledExamples()}): per example, prompt and scoring included. Polls {@link
     * Cancellation#current()}.
     */
    public static EvaluationRun run(
            LanguageModel model,
            Tokenizer tokenizer,
            Dataset dataset,
            BaselineSettings settings,
            RunStore store,
            String modelName) {
        return run(model, tokenizer, dataset, settings, store, modelName, Cancellation.current());
    }

    /**
     * As {@link #run(LanguageModel, Tokenizer, Dataset, BaselineSettings, RunStore, String)},
     * polling {@code cancellation} within every batch: once it is cancelled the run is recorded as
     * {@code interrupted} and a {@link java.util.concurrent.CancellationException} is thrown.
     */
    public static EvaluationRun run(
            LanguageModel model,
            Tokenizer tokenizer,
            Dataset dataset,
            BaselineSettings settings,
            RunStore store,
            String modelName,
            Cancellation cancellation) {
        TextClassifier classifier = classifier(model, tokenizer, dataset, settings);
        RunRecordBuilder run =
                RunRecord.builder(RunKind.BASELINE, settings.runName())
                        .optModel(modelName)
                        .optMethod(settings.method())
                        .optDevice(DeviceLabel.of(model.manager().getDevice()));
        settings.hyperparameters().forEach(run::putHyperparameter);
        run.putHyperparameter("scoring", scoring(model, settings));
        if (model instanceof BertModel) {
            run.putHyperparameter("pooling", settings.pooling().name().toLowerCase(Locale.ROOT));
        }
        EvaluationRun result =
                ModelEvaluator.record(
                        store, run.build(), classifier, dataset, settings.splits(), cancellation);
        return ModelEvaluator.profile(
                store,
                result,
                classifier,
                dataset,
                settings.profiledExamples(),
                ModelSize.tensorBytes(model),
                model instanceof BertModel ? tokenizer : null,
                cancellation);
    }

    private static String scoring(LanguageModel model, BaselineSettings settings) {
        if (model instanceof BertModel) {
            return settings.shots() == 0 ? "label-similarity" : "nearest-centroid";
        }
        return settings.generate() ? "generation" : "log-likelihood";
    }
}
