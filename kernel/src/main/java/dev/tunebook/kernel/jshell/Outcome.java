package dev.tunebook.kernel.jshell;

/**
 * What a successful cell part produced: a value (which may be null) when {@code hasValue}, and
 * pager text (or null).
 */
record Outcome(Object value, boolean hasValue, String pager) {
    static final Outcome NONE = new Outcome(null, false, null);

    static Outcome of(Object value) {
        return new Outcome(value, true, null);
    }

    static Outcome pager(String text) {
        return new Outcome(null, false, text);
    }
}
