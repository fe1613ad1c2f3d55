package dev.tunebook.finetune.runs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run stands; every state but {@link #RUNNING} is final. */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    INTERRUPTED,
    FAILED;

    /** Returns the lowercase name stored in JSON. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the status for a stored name, ignoring case. */
    @JsonCreator
    public static RunStatus of(String id) {
        for (RunStatus status : values()) {
            if (status.id().equalsIgnoreCase(id)) {
                return status;
            }
        }
        throw new IllegalArgumentException(
                "unknown run status '"
                        + id
                        + "' (expected running, completed, interrupted or"
                        + " failed)");
    }
}
