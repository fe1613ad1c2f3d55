package dev.tunebook.magics;

import dev.tunebook.finetune.eval.BaselineSettings;
import dev.tunebook.finetune.eval.Baselines;
import dev.tunebook.finetune.eval.EvaluationRun;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %baseline zero-shot|few-shot [--shots K] [--labels "A" ...] [--seed N] [--split S]
 * [--pooling mean|cls] [--instruction TEXT] [--generate N]}: measures what the notebook's {@code
 * model} achieves on {@code dataset} without training ({@link Baselines}), records it as a baseline
 * run and shows the report.
 */
public final class BaselineMagic implements Magic {

    /** The usage text: synopsis, then explanation. */
    public static final String USAGE =
            "%baseline zero-shot|few-shot [--shots K] [--labels \"text for label A\" ...] [--seed N]"
                    + " [--split NAME] [--pooling mean|cls] [--instruction TEXT] [--generate N]"
                    + " [--max-length N] [--name RUN_NAME]\n"
                    + "Measures the notebook's `model` on `dataset` without training and records a"
                    + " run of kind baseline (uses `tokenizer`; `modelName` names the model).\n"
                    + "Encoders (BERT, MiniLM): zero-shot compares each text's embedding with each"
                    + " label text's (cosine of mean-pooled normalised embeddings); few-shot"
                    + " compares it with the centroid of K train examples per label.\n"
                    + "Causal models: prompts through the tokenizer's chat template (few-shot shows"
                    + " K train examples per label as earlier turns) and picks the label whose"
                    + " answer is most likely, or with --generate N generates up to N tokens and"
                    + " takes the first label word.\n"
                    + "--shots: examples per label for few-shot (default 8). --seed: seed of the"
                    + " draw (default 0).\n"
                    + "--labels: one text per label in the dataset's label order: a description"
                    + " for encoders (\"This is a negative review.\"), the answer word for causal"
                    + " models (default: the label names).\n"
                    + "--split: the split measured (default test). --pooling: how encoders pool"
                    + " token states, mean (default, as sentence-transformers) or cls."
                    + " --instruction: the system message of causal prompts.\n"
                    + "--max-length: tokens an encoder reads of each text (default 256; longer"
                    + " texts are cut), at most the model's positions.\n"
                    + "--name: the run's name (default zero-shot or K-shot-seedN); name the"
                    + " baselines of each task when a notebook has several, so that %runs and"
                    + " %cost RUN... tell them apart (runs of one name count as reruns).\n"
                    + GenerationMagics.USAGE;

    /** Returns this magic's registration. */
    public static MagicSpec spec() {
        return MagicSpec.line("baseline", USAGE, new BaselineMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        if (GenerationMagics.applies(context, "dataset")) {
            return GenerationMagics.baseline(MagicArguments.words(args), context);
        }
        BaselineSettings settings = parse(MagicArguments.words(args));
        EvaluationRun run =
                Baselines.run(
                        NotebookVariables.model(context, "model"),
                        NotebookVariables.tokenizer(context, "model"),
                        NotebookVariables.dataset(context),
                        settings,
                        NotebookVariables.runStore(context),
                        NotebookVariables.modelName(context, "model"),
                        new KernelCancellation());
        return run;
    }

    /** Parses the arguments into settings. */
    static BaselineSettings parse(List<String> words) {
        if (words.isEmpty() || !List.of("zero-shot", "few-shot").contains(words.get(0))) {
            throw new MagicUsageException("say zero-shot or few-shot first");
        }
        boolean fewShot = words.get(0).equals("few-shot");
        BaselineSettings.Builder b = BaselineSettings.builder().optShots(fewShot ? 8 : 0);
        for (int i = 1; i < words.size(); i++) {
            String option = words.get(i);
            switch (option) {
                case "--shots" -> b.optShots(shots(fewShot, MagicArguments.value(words, i++)));
                case "--seed" ->
                        b.optSeed(
                                MagicArguments.integer(
                                        option, MagicArguments.value(words, i++), 0));
                case "--split" -> b.optSplits(List.of(MagicArguments.value(words, i++)));
                case "--name" -> b.optName(MagicArguments.value(words, i++));
                case "--max-length" ->
                        b.optMaxLength(
                                MagicArguments.integer(
                                        option, MagicArguments.value(words, i++), 2));
                case "--instruction" -> b.optInstruction(MagicArguments.value(words, i++));
                case "--pooling" -> b.optPooling(pooling(MagicArguments.value(words, i++)));
                case "--generate" ->
                        b.optGenerate(
                                MagicArguments.integer(
                                        option, MagicArguments.value(words, i++), 1));
                case "--labels" -> {
                    List<String> labels = new ArrayList<>();
                    while (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                        labels.add(words.get(++i));
                    }
                    if (labels.isEmpty()) {
                        throw new MagicUsageException("--labels needs one text per label");
                    }
                    b.optLabelTexts(labels);
                }
                default -> throw new MagicUsageException("unknown option " + option);
            }
        }
        return b.build();
    }

    private static Pooling pooling(String value) {
        return switch (value) {
            case "mean" -> Pooling.MEAN;
            case "cls" -> Pooling.CLS;
            default -> throw new MagicUsageException("--pooling " + value + ": say mean or cls");
        };
    }

    private static int shots(boolean fewShot, String value) {
        if (!fewShot) {
            throw new MagicUsageException("--shots is for few-shot; zero-shot shows no examples");
        }
        return MagicArguments.integer("--shots", value, 1);
    }
}
