package dev.tunebook.finetune.train;

/**
 * The checks training settings share; each message starts with the option's name and says what is
 * allowed, as {@code batch: must be > 0, was 0}.
 */
final class ConfigChecks {
    private ConfigChecks() {}

    static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, was " + value);
        }
        return value;
    }

    static double positive(String field, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(field + ": must be > 0, was " + value);
        }
        return value;
    }

    static int atLeastZero(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must be >= 0, was " + value);
        }
        return value;
    }

    static double atLeastZero(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": must be >= 0, was " + value);
        }
        return value;
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": must be set");
        }
        return value;
    }

    /** Returns {@code value} trimmed, or null for null; blank text is refused. */
    static String trimmedOrNull(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return value.trim();
    }
}
