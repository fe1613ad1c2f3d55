package dev.tunebook.magics;

import dev.tunebook.kernel.MagicContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What {@code %%prompt} needs from the rest of the notebook: the current dataset's rows, the
 * current model's folder (for {@code --template model} and its special tokens) and its tokenizer.
 */
public interface PromptSources {

    /** Returns the rows of the current dataset, column name to value. */
    List<? extends Map<String, ?>> rows(MagicContext context) throws Exception;

    /** Returns the folder of the current model, or empty when none is loaded. */
    Optional<Path> modelDirectory(MagicContext context);

    /** Returns the number of tokens of a text for the current model, or null without one. */
    ToIntFunction<String> tokenCounter(MagicContext context);

    /** Returns the current model's context length in tokens, or 0 when unknown. */
    default int contextLength(MagicContext context) {
        return 0;
    }
}
