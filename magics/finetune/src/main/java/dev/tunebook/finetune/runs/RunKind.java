package dev.tunebook.finetune.runs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a run did: measured prompting without training, trained a model, or evaluated one. */
public enum RunKind {
    BASELINE,
    FINETUNE,
    EVAL;

    /** Returns the lowercase name stored in JSON. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the kind for a stored name, ignoring case. */
    @JsonCreator
    public static RunKind of(String id) {
        for (RunKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown run kind '" + id + "' (expected baseline, finetune or eval)");
    }
}
