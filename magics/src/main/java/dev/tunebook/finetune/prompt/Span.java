package dev.tunebook.finetune.prompt;

/**
 * A half-open character range {@code [start, end)} in a rendered prompt.
 *
 * @param start index of the first character
 * @param end index just past the last character
 */
public record Span(int start, int end) {

    /** Creates a span; {@code 0 <= start <= end}. */
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** Returns whether this span and {@code [from, to)} share at least one character. */
    public boolean overlaps(int from, int to) {
        return from < end && start < to;
    }

    /** Returns {@code end - start}. */
    public int length() {
        return end - start;
    }
}
