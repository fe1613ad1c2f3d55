package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tuned.FineTunedModel;
import dev.tunebook.finetune.tuned.PredictionTable;
import dev.tunebook.finetune.tuned.TextPrediction;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %predict RUN TEXT...} and {@code %predict RUN --data DATASET [--split S] [--rows N]}: what
 * a fine-tuned classifier predicts for new texts or for rows of a dataset, with the probability of
 * every label ({@link FineTunedModel#predict}), as a table.
 */
public final class PredictMagic implements Magic {
    /** The usage text: synopsis, then explanation. */
    public static final String USAGE =
            "%predict RUN TEXT... | %predict RUN --data DATASET [--split NAME] [--rows N]\n"
                    + "Shows what a fine-tuned classifier predicts, with the probability of every"
                    + " label.\n"
                    + "RUN: a fine-tune's name or id in the run store, or a notebook variable"
                    + " holding a FineTunedModel (%%finetune --name RUN binds one); after a"
                    + " restart the model is loaded from the store alone.\n"
                    + "TEXT: the text to classify; several quoted texts (\"...\" '...') are"
                    + " classified one per row.\n"
                    + "--data DATASET: the first N rows (--rows, default 10) of split --split"
                    + " (default test) of a dataset variable, with their gold labels.\n"
                    + "From Java: RUN.predict(\"text\") returns a TextPrediction (label, score,"
                    + " scores per label).";

    /** Returns this magic's registration. */
    public static MagicSpec spec() {
        return MagicSpec.line("predict", USAGE, new PredictMagic());
    }

    /** The parsed arguments: texts, or a dataset variable with its split and row count. */
    record Options(String run, List<String> texts, String data, String split, int rows) {}

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        Options options = parse(args);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            FineTunedModel model = model(options.run(), context, opened);
            PredictionTable table =
                    options.data() == null
                            ? PredictionTable.of(
                                    "predictions of " + model.name(),
                                    model.labels(),
                                    model.predict(options.texts()))
                            : rows(model, options, context);
            return table;
        } catch (IllegalArgumentException e) {
            throw e instanceof MagicUsageException ? e : new MagicUsageException(e.getMessage());
        } finally {
            for (AutoCloseable c : opened) {
                c.close();
            }
        }
    }

    private static FineTunedModel model(
            String run, MagicContext context, List<AutoCloseable> opened) throws Exception {
        if (context.lookup(run) instanceof FineTunedModel bound) {
            return bound;
        }
        RunStore store = NotebookVariables.runStore(context);
        return FineTunedModels.open(context, store, store.require(run), opened);
    }

    private static PredictionTable rows(
            FineTunedModel model, Options options, MagicContext context) {
        Dataset dataset = NotebookVariables.dataset(context, options.data());
        FineTunedEval.requireSplit(dataset, options.split());
        int[] rows = dataset.rows(options.split());
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        for (int i = 0; i < Math.min(options.rows(), rows.length); i++) {
            ids.add(String.valueOf(rows[i]));
            texts.add(dataset.textOf(rows[i]));
            gold.add(dataset.table().stringColumn("label").get(rows[i]));
        }
        List<TextPrediction> predictions = model.predict(texts);
        return new PredictionTable(
                "predictions of " + model.name() + " on " + dataset.name() + " " + options.split(),
                model.labels(),
                predictions,
                ids,
                gold);
    }

    /**
     * Parses the arguments: quoted texts are one text each, an unquoted rest of line is one text.
     *
     * @throws MagicUsageException for a missing RUN or text, texts given with --data, or a bad
     *     --rows
     */
    static Options parse(String args) {
        List<String> words = MagicArguments.words(args);
        if (words.isEmpty() || words.get(0).startsWith("--")) {
            throw new MagicUsageException("give a RUN: %predict RUN TEXT...");
        }
        String data = null;
        String split = "test";
        int rows = 10;
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--data" -> data = MagicArguments.value(words, i++);
                case "--split" -> split = MagicArguments.value(words, i++);
                case "--rows" ->
                        rows =
                                MagicArguments.integer(
                                        "--rows", MagicArguments.value(words, i++), 1);
                default -> texts.add(word);
            }
        }
        if (data != null && !texts.isEmpty()) {
            throw new MagicUsageException(
                    "give TEXT or --data DATASET, not both (unexpected " + texts.get(0) + ")");
        }
        if (data == null && texts.isEmpty()) {
            throw new MagicUsageException(
                    "give a TEXT to classify, or --data DATASET: %predict "
                            + words.get(0)
                            + " TEXT...");
        }
        boolean quoted = args.indexOf('"') >= 0 || args.indexOf('\'') >= 0;
        List<String> given = quoted || texts.isEmpty() ? texts : List.of(String.join(" ", texts));
        return new Options(words.get(0), given, data, split, rows);
    }
}
