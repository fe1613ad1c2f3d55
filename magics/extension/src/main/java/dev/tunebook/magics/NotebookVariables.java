package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The notebook variables magics share: the model {@code %model load} bound (default {@code model}),
 * the dataset {@code %dataset load} bound (default {@code dataset}), and the run store beside the
 * notebook. Also what {@code %%prompt} reads.
 */
final class NotebookVariables implements PromptSources {
    static final String MODEL = "model";
    static final String DATASET = "dataset";

    /** Returns the model bound to {@code name}, or empty when nothing is bound to it. */
    static Optional<LoadedModel> findModel(MagicContext context, String name) {
        Object value = context.lookup(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof LoadedModel model) {
            return Optional.of(model);
        }
        throw new MagicUsageException(
                name
                        + " is a "
                        + value.getClass().getSimpleName()
                        + ", not a model from %model load");
    }

    /** Returns the model bound to {@code name}, or tells the user to load one. */
    static LoadedModel model(MagicContext context, String name) {
        return findModel(context, name)
                .orElseThrow(
                        () ->
                                new MagicUsageException(
                                        "no model '" + name + "': run %model load SOURCE first"));
    }

    /** Returns the dataset bound to {@code name}, or tells the user to load one. */
    static Dataset dataset(MagicContext context, String name) {
        Object value = context.lookup(name);
        if (value instanceof Dataset dataset) {
            return dataset;
        }
        throw new MagicUsageException(
                value == null
                        ? "no dataset '" + name + "': run %dataset load FILE first"
                        : name + " is not a dataset from %dataset load");
    }

    /**
     * Returns the run store every magic uses: the notebook variable {@code runs} when it holds a
     * {@link RunStore}, else {@code $TUNEBOOK_HOME}, else {@code .tunebook} beside the notebook.
     */
    static RunStore runStore(MagicContext context) {
        if (context.lookup("runs") instanceof RunStore store) {
            return store;
        }
        String home = System.getenv(RunStore.HOME_ENV);
        Path dir =
                home != null && !home.isBlank()
                        ? Path.of(home)
                        : context.workingDirectory().resolve(".tunebook");
        return RunStore.at(dir);
    }

    @Override
    public List<? extends Map<String, ?>> rows(MagicContext context) {
        Object value = context.lookup(DATASET);
        if (!(value instanceof Dataset dataset)) {
            return List.of();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> columns = dataset.table().columnNames();
        for (int r = 0; r < dataset.size(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String column : columns) {
                row.put(column, dataset.table().getString(r, column));
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public Optional<Path> modelDirectory(MagicContext context) {
        return findModel(context, MODEL).map(LoadedModel::folder);
    }

    @Override
    public ToIntFunction<String> tokenCounter(MagicContext context) {
        return modelTokenCounter(context);
    }

    /** Returns the token count of the notebook model's tokenizer, or null without one. */
    static ToIntFunction<String> modelTokenCounter(MagicContext context) {
        return findModel(context, MODEL)
                .filter(LoadedModel::hasTokenizer)
                .<ToIntFunction<String>>map(m -> text -> m.tokenizer().encode(text).size())
                .orElse(null);
    }

    @Override
    public int contextLength(MagicContext context) {
        return findModel(context, MODEL).map(m -> m.config().maxPositions()).orElse(0);
    }
}
