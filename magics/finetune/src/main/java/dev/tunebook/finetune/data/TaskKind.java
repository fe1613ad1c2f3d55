package dev.tunebook.finetune.data;

import java.util.Locale;

/** What a dataset trains: the columns a row must have follow from it. */
public enum TaskKind {
    /** A text and a label (string, integer or boolean). */
    CLASSIFICATION,
    /** Alpaca fields: {@code instruction}, optional {@code input}, {@code output}. */
    INSTRUCTION,
    /** A {@code messages} list of {@code {role, content}} objects. */
    CHAT,
    /** Plain text for causal language modelling. */
    COMPLETION;

    /**
     * Returns the kind named by {@code name} (case-insensitive), as written on a magic's command
     * line.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static TaskKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown task '"
                            + name
                            + "': expected classification, instruction, chat or completion",
                    e);
        }
    }
}
