package dev.tunebook.finetune.train;

import java.util.Locale;

/** What a fine-tuning run trains. */
public enum TrainingMethod {
    /** Every parameter (except the first N layers when freezing is asked for). */
    FULL,
    /** A LoRA adapter (plus a classification head, trained in full). */
    LORA,
    /** Only a linear head on a frozen encoder whose embeddings are computed once and cached. */
    HEAD;

    /**
     * Returns the method written {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TrainingMethod parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "method: unknown method '" + name + "': expected full, lora or head", e);
        }
    }

    /** Returns the name as written on a command line and in run records. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
