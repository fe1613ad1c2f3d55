package dev.tunebook.finetune.train;

import java.util.Locale;

/** The shape of the learning rate after warmup, as transformers' {@code lr_scheduler_type}. */
public enum ScheduleKind {
    /** The peak rate throughout. */
    CONSTANT,
    /** Linear decay to 0 at the last step (the default). */
    LINEAR,
    /** Half a cosine from the peak to 0. */
    COSINE;

    /**
     * Returns the schedule written {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the field and the accepted values
     */
    public static ScheduleKind parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "constant" -> CONSTANT;
            case "linear" -> LINEAR;
            case "cosine" -> COSINE;
            default ->
                    throw new IllegalArgumentException(
                            "schedule: unknown schedule '"
                                    + name
                                    + "': expected constant, linear or cosine");
        };
    }

    /** Returns the name as written in options and run records. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
