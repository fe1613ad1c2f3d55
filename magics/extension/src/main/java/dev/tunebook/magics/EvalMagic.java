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
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import dev.tunebook.kernel.MimeBundle;
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
            "%eval [RUN | --model NAME] [--split NAME]\n"
                    + "Evaluates on `dataset` (default split test) and records a run of kind eval:"
                    + " metrics table, confusion matrix and per-example predictions, errors"
                    + " first.\n"
                    + "RUN: a run id or name from the run store. A baseline run is rebuilt on"
                    + " `model` with its stored settings; a fine-tune run is loaded from the folder"
                    + " its output_dir (or model_path, checkpoint) names.\n"
                    + "--model NAME: the notebook variable holding the model (default model): an"
                    + " encoder with a classification head, or a causal model prompted zero-shot"
                    + " with the label names as answers.\n"
                    + "The run's inference figures time 32 examples classified one at a time and"
                    + " together.\n"
                    + "Uses `tokenizer`; `runs` (a RunStore) overrides where runs are stored.\n"
                    + RetrievalEvalMagic.USAGE;

    /** Returns this magic's registration. */
    public static MagicSpec spec() {
        return MagicSpec.line("eval", USAGE, new EvalMagic());
    }

    /** The parsed arguments. */
    record Options(String run, String model, String split) {}

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        if (RetrievalEvalMagic.applies(args)) {
            return RetrievalEvalMagic.run(args, context);
        }
        Options options = parse(MagicArguments.words(args));
        Dataset dataset = NotebookVariables.dataset(context);
        Tokenizer tokenizer =
                NotebookVariables.tokenizer(
                        context, options.model() == null ? "model" : options.model());
        RunStore store = NotebookVariables.runStore(context);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            RunRecord eval = RunRecord.of(RunKind.EVAL, "eval");
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
                        .setModel(source.model())
                        .setMethod(source.method());
                eval.hyperparameters().put("source_run", source.id());
            } else {
                classifier =
                        RunClassifiers.of(
                                NotebookVariables.model(context, options.model()),
                                tokenizer,
                                dataset);
                eval.setName("eval " + options.model())
                        .setModel(NotebookVariables.modelName(context, options.model()));
            }
            EvaluationRun run =
                    ModelEvaluator.record(
                            store,
                            eval,
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
            return new MimeBundle().text(run.toText()).html(run.toHtml());
        } finally {
            for (AutoCloseable c : opened) {
                c.close();
            }
        }
    }

    static Options parse(List<String> words) {
        String run = null;
        String model = null;
        String split = "test";
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--model" -> model = MagicArguments.value(words, i++);
                case "--split" -> split = MagicArguments.value(words, i++);
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
        return new Options(run, model == null ? "model" : model, split);
    }
}
