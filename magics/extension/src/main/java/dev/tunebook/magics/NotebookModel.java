package dev.tunebook.magics;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicUsageException;

/**
 * The notebook variables the evaluation magics work on: {@code model} (a {@code LoadedModel} from
 * {@code %model load}, a {@code LanguageModel} or a {@code LoraModel}), {@code tokenizer} (else the
 * loaded model's), {@code dataset}, optionally {@code modelName} (the name runs record) and {@code
 * runs} (a {@code RunStore}; otherwise {@code $TUNEBOOK_HOME} or {@code .tunebook} in the
 * notebook's folder).
 */
final class NotebookModel {
    private NotebookModel() {}

    /** Returns the model held by variable {@code name}, unwrapping a LoRA model. */
    static LanguageModel model(MagicContext context, String name) {
        Object value = context.lookup(name);
        if (value instanceof LoadedModel loaded) {
            return loaded.model();
        }
        if (value instanceof LoraModel lora) {
            return lora.model();
        }
        if (value instanceof LanguageModel model) {
            return model;
        }
        throw new MagicUsageException(
                value == null
                        ? "no notebook variable '" + name + "': load a model into it first"
                        : "'"
                                + name
                                + "' is a "
                                + value.getClass().getSimpleName()
                                + ", not a LanguageModel or LoraModel");
    }

    /**
     * Returns the notebook's {@code tokenizer}, or else the tokenizer of the model {@code %model
     * load} bound to {@code modelVariable}.
     */
    static Tokenizer tokenizer(MagicContext context, String modelVariable) {
        if (context.lookup("tokenizer") == null
                && context.lookup(modelVariable) instanceof LoadedModel loaded
                && loaded.hasTokenizer()) {
            return loaded.tokenizer();
        }
        return typed(context, "tokenizer", Tokenizer.class);
    }

    /** Returns the notebook's {@code dataset}. */
    static Dataset dataset(MagicContext context) {
        return typed(context, "dataset", Dataset.class);
    }

    /** Returns the name runs record for the model in variable {@code variable}. */
    static String modelName(MagicContext context, String variable) {
        if (variable.equals("model") && context.lookup("modelName") instanceof String name) {
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

    private static <T> T typed(MagicContext context, String name, Class<T> type) {
        Object value = context.lookup(name);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw new MagicUsageException(
                value == null
                        ? "no notebook variable '" + name + "' (a " + type.getSimpleName() + ")"
                        : "'"
                                + name
                                + "' is a "
                                + value.getClass().getSimpleName()
                                + ", not a "
                                + type.getSimpleName());
    }
}
