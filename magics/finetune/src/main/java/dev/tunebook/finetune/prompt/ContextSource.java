package dev.tunebook.finetune.prompt;

import java.util.Map;
import java.util.Set;

/**
 * Adds columns to a row before a prompt fills its placeholders, such as {@code {context}} from
 * passages a retriever finds for the row (see {@link ChatPrompt#withContext}). Implementations must
 * be thread-safe if the prompt is used from several threads.
 */
public interface ContextSource {
    /** Returns the names of the columns this source adds. */
    Set<String> columns();

    /**
     * Returns the value of each of {@link #columns()} for {@code row}.
     *
     * @throws IllegalArgumentException naming the column the source needs when the row lacks it
     */
    Map<String, String> values(Map<String, ?> row);
}
