package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import dev.tunebook.finetune.data.DatasetOverview;
import dev.tunebook.finetune.data.SplitLimits;
import dev.tunebook.finetune.data.Splits;
import dev.tunebook.finetune.data.TaskKind;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code %dataset load FILE ...}: loads a dataset with {@link DatasetLoader}, binds it and shows a
 * {@link DatasetOverview}.
 */
final class DatasetMagic implements Magic {
    static final String USAGE =
            "%dataset load FILE [--name NAME] [--task classification|instruction|chat|completion]"
                    + " [--text COL] [--label COL] [--split TRAIN,VAL,TEST | --split-file FILE]"
                    + " [--seed N] [--limit N|SPLIT=N,...] [--set COLUMN=TEMPLATE ...]"
                    + " [--skip-bad-rows] [--strict]"
                    + " [--max-length N]\n"
                    + "Loads JSONL, JSON, CSV or TSV (a file, or a folder of them) and binds it to"
                    + " NAME (default dataset). Shows the first rows, rows per split, the label"
                    + " distribution and a histogram of token lengths (with the tokenizer of the"
                    + " notebook's model, else in words).\n"
                    + "--task: detected from the first row unless given. --text/--label: the"
                    + " columns holding them (default text, label).\n"
                    + "--split 0.8,0.1,0.1: train/val/test fractions after a shuffle seeded by"
                    + " --seed (default 42). --split-file: fixed splits, {\"FILE_STEM\": {\"train\":"
                    + " [line, ...], ...}} as the UCI split's splits.json. Without either, a folder"
                    + " of train, val (or validation, dev) and test files keeps its files' splits.\n"
                    + "--limit 400 or train=400,test=50: keep at most N rows of a split, a sample"
                    + " drawn with --seed (quick runs on large data).\n"
                    + "--set COLUMN=TEMPLATE (repeatable): makes a column from other fields before"
                    + " the task is detected, e.g. --set \"instruction={package} - {synopsis}\""
                    + " --set output=description (a bare field name copies it) turns Debian package records into instruction"
                    + " data.\n"
                    + "--skip-bad-rows: report bad rows and go on. --max-length: count the rows"
                    + " longer than N tokens.\n"
                    + "A label found in val or test but never in train is warned about (training"
                    + " cannot learn it); --strict makes it an error. The label order shown is"
                    + " the order %baseline --labels follows.";

    private static final Set<String> VALUED =
            Set.of(
                    "--name",
                    "--task",
                    "--text",
                    "--label",
                    "--split",
                    "--split-file",
                    "--seed",
                    "--set",
                    "--limit",
                    "--max-length");

    static MagicSpec spec() {
        return MagicSpec.line("dataset", USAGE, new DatasetMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        MagicArguments parsed =
                MagicArguments.parse(args, VALUED, Set.of("--skip-bad-rows", "--strict"));
        List<String> words = parsed.positional();
        if (words.size() != 2 || !words.get(0).equals("load")) {
            throw new MagicUsageException("write %dataset load FILE");
        }
        if (parsed.has("--split") && parsed.has("--split-file")) {
            throw new MagicUsageException("give --split or --split-file, not both");
        }
        String name = parsed.variable("--name", NotebookVariables.DATASET);
        Dataset dataset = loader(parsed, words.get(1), context).load();
        context.bind(name, Dataset.class, dataset);
        int maxLength = (int) parsed.positive("--max-length", 0);
        return DatasetOverview.of(dataset, NotebookVariables.modelTokenCounter(context), maxLength);
    }

    private static DatasetLoader loader(MagicArguments parsed, String file, MagicContext context) {
        DatasetLoader.Builder b =
                DatasetLoader.builder()
                        .setSource(resolve(context, file))
                        .optTextColumn(parsed.get("--text", "text"))
                        .optLabelColumn(parsed.get("--label", "label"))
                        .optSeed(parsed.positive("--seed", 42))
                        .optSkipBadRows(parsed.has("--skip-bad-rows"))
                        .optStrictLabels(parsed.has("--strict"));
        for (String set : parsed.values("--set")) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new MagicUsageException(
                        "--set "
                                + set
                                + ": expected COLUMN=TEMPLATE, e.g. --set output={description}");
            }
            try {
                b.optColumn(set.substring(0, eq).trim(), set.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new MagicUsageException("--set " + set + ": " + e.getMessage());
            }
        }
        if (parsed.has("--name")) {
            b.optName(parsed.get("--name", null));
        }
        try {
            if (parsed.has("--task")) {
                b.optTask(TaskKind.parse(parsed.get("--task", null)));
            }
            if (parsed.has("--limit")) {
                b.optLimit(SplitLimits.parse(parsed.get("--limit", null)));
            }
            if (parsed.has("--split")) {
                b.optSplit(Splits.parseFractions(parsed.get("--split", null)));
            }
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        if (parsed.has("--split-file")) {
            b.optSplitFile(resolve(context, parsed.get("--split-file", null)));
        }
        return b.build();
    }

    private static Path resolve(MagicContext context, String file) {
        return context.workingDirectory().resolve(file).normalize();
    }
}
