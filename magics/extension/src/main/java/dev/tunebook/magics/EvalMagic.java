package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.EvaluationRun;
import dev.tunebook.finetune.eval.ModelEvaluator;
import dev.tunebook.finetune.eval.ModelSize;
import dev.tunebook.finetune.eval.RunClassifiers;
import dev.tunebook.finetune.eval.TextClassifier;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.tuned.FineTunedModel;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %eval [RUN | --model NAME] [--split S]}: evaluates a model, or the classifier a stored run
 * stands for, on a split of the notebook's {@code dataset} ({@link ModelEvaluator}), records an
 * {@code eval} run, and shows the metrics, the confusion matrix and the predictions, errors first.
 */
public final class EvalMagic implements Magic {

    /** The usage text: synopsis, then explanation. */
    public static final String USAGE =
            "%eval [RUN | --model NAME] [--split NAME] [--data DATASET]\n"
                    + "Evaluates on `dataset` (default split test) and records a run of kind eval:"
                    + " metrics table, confusion matrix and per-example predictions, errors"
                    + " first.\n"
                    + "RUN: a run id or name from the run store. A baseline run is rebuilt on"
                    + " `model` with its stored settings. A classification fine-tune (full, lora,"
                    + " head) is the model %%finetune --name RUN bound, else it is loaded from the"
                    + " store alone (its recorded base model and checkpoint); the eval run records"
                    + " evaluates (the fine-tune's id), dataset, split and domain_shift.\n"
                    + "--model NAME: the notebook variable holding the model (default model): a"
                    + " fine-tuned model (FineTunedModel), a model a fine-tune trained in place"
                    + " (that run's model), an encoder with a classification head, or a causal"
                    + " model prompted zero-shot with the label names as answers.\n"
                    + "--data DATASET: evaluate on another dataset variable (%dataset load FILE"
                    + " --name DATASET), e.g. another domain; its labels must be ones the model"
                    + " was trained on.\n"
                    + "The run's inference figures time 32 examples classified one at a time and"
                    + " together.\n"
                    + "Uses `tokenizer`; `runs` (a RunStore) overrides where runs are stored.\n"
                    + GenerationMagics.USAGE
                    + "\n"
                    + RetrievalEvalMagic.USAGE;

    /** Returns this magic's registration. */
    public static MagicSpec spec() {
        return MagicSpec.line("eval", USAGE, new EvalMagic());
    }

    /** The parsed arguments. */
    record Options(String run, String model, String split, String data) {}

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        if (RetrievalEvalMagic.applies(args)) {
            return RetrievalEvalMagic.run(args, context);
        }
        List<String> words = MagicArguments.words(args);
        if (GenerationMagics.applies(context, datasetVariable(words))) {
            return GenerationMagics.eval(words, context);
        }
        Options options = parse(words);
        Dataset dataset =
                options.data() == null
                        ? NotebookVariables.dataset(context)
                        : NotebookVariables.dataset(context, options.data());
        FineTunedEval.requireSplit(dataset, options.split());
        RunStore store = NotebookVariables.runStore(context);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            FineTunedModel tuned = fineTuned(options, context, store, opened);
            if (tuned != null) {
                return FineTunedEval.evaluate(tuned, dataset, options.split(), store);
            }
            return evaluate(options, dataset, store, context, opened);
        } catch (IllegalArgumentException e) {
            throw e instanceof MagicUsageException ? e : new MagicUsageException(e.getMessage());
        } finally {
            for (AutoCloseable c : opened) {
                c.close();
            }
        }
    }

    /** Returns the dataset variable the words name (--data), else {@code dataset}. */
    private static String datasetVariable(List<String> words) {
        int i = words.indexOf("--data");
        return i >= 0 && i + 1 < words.size() ? words.get(i + 1) : NotebookVariables.DATASET;
    }

    /** Returns the fine-tuned model RUN or --model names, or null when it names none. */
    private static FineTunedModel fineTuned(
            Options options, MagicContext context, RunStore store, List<AutoCloseable> opened)
            throws IOException {
        if (options.run() == null) {
            Object value = context.lookup(options.model());
            if (value instanceof FineTunedModel bound) {
                return bound;
            }
            return value == null
                    ? null
                    : FineTunedModels.lastOf(NotebookVariables.model(context, options.model()))
                            .orElse(null);
        }
        RunRecord source = store.require(options.run());
        return FineTunedModels.isFineTune(source)
                ? FineTunedModels.open(context, store, source, opened)
                : null;
    }

    private static Object evaluate(
            Options options,
            Dataset dataset,
            RunStore store,
            MagicContext context,
            List<AutoCloseable> opened)
            throws Exception {
        Tokenizer tokenizer =
                NotebookVariables.tokenizer(
                        context, options.model() == null ? "model" : options.model());
        RunRecordBuilder eval = RunRecord.builder(RunKind.EVAL, "eval");
        TextClassifier classifier;
        if (options.run() != null) {
            RunRecord source = store.require(options.run());
            classifier =
                    RunClassifiers.of(
                            source,
                            NotebookVariables.model(context, "model"),
                            tokenizer,
                            dataset,
                            opened);
            eval.setName("eval " + source.name())
                    .optModel(source.model())
                    .optMethod(source.method())
                    .putHyperparameter("source_run", source.id());
        } else {
            classifier = modelClassifier(options.model(), tokenizer, dataset, context);
            eval.setName("eval " + options.model())
                    .optModel(NotebookVariables.modelName(context, options.model()));
        }
        EvaluationRun run =
                ModelEvaluator.record(
                        store,
                        eval.build(),
                        classifier,
                        dataset,
                        List.of(options.split()),
                        new KernelCancellation());
        LanguageModel measured =
                opened.isEmpty()
                        ? NotebookVariables.model(
                                context, options.run() != null ? "model" : options.model())
                        : (LanguageModel) opened.get(0);
        run =
                ModelEvaluator.profile(
                        store,
                        run,
                        classifier,
                        dataset,
                        32,
                        ModelSize.tensorBytes(measured),
                        null,
                        new KernelCancellation());
        return run;
    }

    private static TextClassifier modelClassifier(
            String variable, Tokenizer tokenizer, Dataset dataset, MagicContext context) {
        try {
            return RunClassifiers.of(
                    NotebookVariables.model(context, variable), tokenizer, dataset);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(
                    "--model "
                            + variable
                            + ": "
                            + e.getMessage()
                            + ". A fine-tune's model is bound under its run name (%%finetune"
                            + " --name X binds X): %eval --model X, or %eval RUN");
        }
    }

    static Options parse(List<String> words) {
        String run = null;
        String model = null;
        String split = "test";
        String data = null;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--model" -> model = MagicArguments.value(words, i++);
                case "--split" -> split = MagicArguments.value(words, i++);
                case "--data" -> data = MagicArguments.value(words, i++);
                default -> {
                    if (word.startsWith("--") || run != null) {
                        throw new MagicUsageException("unexpected " + word);
                    }
                    run = word;
                }
            }
        }
        if (run != null && model != null) {
            throw new MagicUsageException("give a RUN or --model NAME, not both");
        }
        return new Options(run, model == null ? "model" : model, split, data);
    }
}
