package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.retrieval.Retriever;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import dev.tunebook.kernel.MimeBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code %index NAME --data DATASET --column COL ...}: embeds a dataset column into a {@link
 * Retriever} with a live progress bar and binds it to NAME; {@code --load FILE} reads a saved one.
 */
final class IndexMagic implements Magic {
    static final String USAGE =
            "%index NAME (--data DATASET --column COL [--id COL] [--split S] [--save FILE] |"
                    + " --load FILE) [--model ENCODER]\n"
                    + "Builds an embedding index over a dataset column and binds it to NAME (a"
                    + " Retriever), with a progress bar; %retrieve NAME \"text\" queries it.\n"
                    + "--data: the notebook variable holding the dataset (default dataset)."
                    + " --column: the passages. --id: the column of their ids (default: the row"
                    + " number). --split: index only that split (default every row).\n"
                    + "--model: the notebook variable holding a sentence encoder (default encoder,"
                    + " bound to all-MiniLM-L6-v2 from Maven on first use).\n"
                    + "--save FILE: also write the index to FILE (one file, written atomically,"
                    + " naming its encoder). --load FILE: read a saved index instead; it must have"
                    + " been built by the same encoder.";

    private static final Set<String> VALUED =
            Set.of("--data", "--column", "--id", "--split", "--save", "--load", "--model");

    static MagicSpec spec() {
        return MagicSpec.line("index", USAGE, new IndexMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        MagicArguments parsed = MagicArguments.parse(args, VALUED, Set.of());
        if (parsed.positional().size() != 1) {
            throw new MagicUsageException("write %index NAME --data DATASET --column COL");
        }
        String name = parsed.positional().get(0);
        if (!javax.lang.model.SourceVersion.isName(name)) {
            throw new MagicUsageException(name + ": not a Java variable name");
        }
        if (parsed.has("--load")) {
            if (parsed.has("--column") || parsed.has("--data")) {
                throw new MagicUsageException("give --load FILE or --data/--column, not both");
            }
            return load(name, parsed, context);
        }
        if (!parsed.has("--column")) {
            throw new MagicUsageException("--column COL is required: the column to index");
        }
        Dataset dataset = RetrievalVariables.dataset(context, parsed.variable("--data", "dataset"));
        int[] rows = RetrievalVariables.rows(dataset, parsed.get("--split", null));
        List<String> passages =
                RetrievalVariables.column(dataset, "--column", parsed.get("--column", null), rows);
        List<String> ids =
                parsed.has("--id")
                        ? RetrievalVariables.column(dataset, "--id", parsed.get("--id", null), rows)
                        : java.util.Arrays.stream(rows).mapToObj(Integer::toString).toList();
        RetrievalVariables.NamedEncoder encoder =
                RetrievalVariables.encoder(context, parsed.get("--model", null));
        long start = System.nanoTime();
        Retriever retriever;
        try {
            retriever =
                    Retriever.builder()
                            .setEncoder(encoder.encoder(), encoder.name())
                            .setPassages(ids, passages)
                            .optProgress(
                                    new EmbeddingBar(
                                            System.out,
                                            "embedding "
                                                    + dataset.name()
                                                    + "."
                                                    + parsed.get("--column", null)))
                            .optCancellation(new KernelCancellation())
                            .build();
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(
                    "--column " + parsed.get("--column", null) + ": " + e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String saved = "";
        if (parsed.has("--save")) {
            Path file = resolve(context, parsed.get("--save", null));
            retriever.save(file);
            saved = "; saved to " + file;
        }
        context.bind(name, Retriever.class, retriever);
        return MimeBundle.ofText(
                String.format(
                        Locale.ROOT,
                        "%s = index of %d passages (%s.%s) by %s in %.1f s (%.0f passages/s)%s",
                        name,
                        retriever.size(),
                        dataset.name(),
                        parsed.get("--column", null),
                        retriever.encoderId(),
                        seconds,
                        retriever.size() / Math.max(seconds, 1e-9),
                        saved));
    }

    private static Object load(String name, MagicArguments parsed, MagicContext context)
            throws Exception {
        Path file = resolve(context, parsed.get("--load", null));
        RetrievalVariables.NamedEncoder encoder =
                RetrievalVariables.encoder(context, parsed.get("--model", null));
        Retriever retriever;
        try {
            retriever = Retriever.load(file, encoder.encoder(), encoder.name());
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        context.bind(name, Retriever.class, retriever);
        return MimeBundle.ofText(
                name
                        + " = index of "
                        + retriever.size()
                        + " passages by "
                        + retriever.encoderId()
                        + ", from "
                        + file);
    }

    private static Path resolve(MagicContext context, String file) {
        return context.workingDirectory().resolve(file).normalize();
    }
}
