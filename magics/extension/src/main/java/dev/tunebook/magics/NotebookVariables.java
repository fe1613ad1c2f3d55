package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
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
 * The notebook variables magics read, found by name and checked by type: a model ({@code model} by
 * default: a {@code LoadedModel} from {@code %model load}, a {@code LanguageModel} or a {@code
 * LoraModel}), {@code tokenizer} (else the loaded model's), {@code dataset} (from {@code %dataset
 * load}), optionally {@code modelName} (the name runs record), and the run store ({@code runs},
 * else {@code $TUNEBOOK_HOME}, else {@code .tunebook} beside the notebook). Also what {@code
 * %%prompt} reads.
 *
 * <p>A missing variable or one of the wrong type is a {@link MagicUsageException} that names the
 * variable and the type expected.
 */
final class NotebookVariables implements PromptSources {
    static final String MODEL = "model";
    static final String DATASET = "dataset";
    static final String TOKENIZER = "tokenizer";
    private static final String LOAD_MODEL = "run %model load SOURCE first";

    /** Returns the model {@code %model load} bound to {@code name}, or empty when none is bound. */
    static Optional<LoadedModel> findModel(MagicContext context, String name) {
        Object value = context.lookup(name);
        return value == null
                ? Optional.empty()
                : Optional.of(typed(context, name, LoadedModel.class, LOAD_MODEL));
    }

    /**
     * Returns the model {@code %model load} bound to {@code name}, or tells the user to load one.
     */
    static LoadedModel loadedModel(MagicContext context, String name) {
        return typed(context, name, LoadedModel.class, LOAD_MODEL);
    }

    /**
     * Returns the model held by variable {@code name}: the model itself, or the loaded, LoRA or
     * fine-tuned model, generator or text encoder holding it ({@link ModelParts#model}, the one
     * resolver every magic uses).
     */
    static LanguageModel model(MagicContext context, String name) {
        Object value = context.lookup(name);
        LanguageModel model = ModelParts.model(value);
        if (model != null) {
            return model;
        }
        throw unusable(name, value, "LanguageModel or LoraModel", LOAD_MODEL);
    }

    /**
     * Returns the notebook's {@code tokenizer}, or else the tokenizer of the model {@code %model
     * load} bound to {@code modelVariable}.
     */
    static Tokenizer tokenizer(MagicContext context, String modelVariable) {
        if (context.lookup(TOKENIZER) == null
                && context.lookup(modelVariable) instanceof LoadedModel loaded
                && loaded.hasTokenizer()) {
            return loaded.tokenizer();
        }
        return typed(context, TOKENIZER, Tokenizer.class, "load a model with a tokenizer first");
    }

    /** Returns the notebook's {@code dataset}, or tells the user to load one. */
    static Dataset dataset(MagicContext context) {
        return typed(context, DATASET, Dataset.class, "run %dataset load FILE first");
    }

    /** Returns the dataset in variable {@code name}, or tells the user how to load one. */
    static Dataset dataset(MagicContext context, String name) {
        return typed(
                context, name, Dataset.class, "run %dataset load FILE --name " + name + " first");
    }

    /** Returns the name runs record for the model in variable {@code variable}. */
    static String modelName(MagicContext context, String variable) {
        if (variable.equals(MODEL) && context.lookup("modelName") instanceof String name) {
            return name;
        }
        if (context.lookup(variable) instanceof LoadedModel loaded) {
            return loaded.displayName();
        }
        LanguageModel model = model(context, variable);
        if (model.config() != null && model.config().json().hasNonNull("_name_or_path")) {
            return model.config().json().get("_name_or_path").asText();
        }
        return model.config() != null ? model.config().modelType() : variable;
    }

    private static <T> T typed(MagicContext context, String name, Class<T> type, String hint) {
        Object value = context.lookup(name);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw unusable(name, value, type.getSimpleName(), hint);
    }

    private static MagicUsageException unusable(
            String name, Object value, String expected, String hint) {
        return new MagicUsageException(
                value == null
                        ? "no notebook variable '" + name + "' (a " + expected + "): " + hint
                        : "'"
                                + name
                                + "' is a "
                                + value.getClass().getSimpleName()
                                + ", not a "
                                + expected);
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
