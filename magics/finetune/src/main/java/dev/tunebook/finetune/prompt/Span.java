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

    /**
     * Returns this span, given in {@code char} (UTF-16) indices of {@code text}, in code point
     * indices: the unit Hugging Face tokenizers (and DJL's {@code getCharTokenSpans()}) report
     * offsets in. The two differ after any character outside the Basic Multilingual Plane, such as
     * an emoji.
     */
    public Span inCodePoints(String text) {
        return new Span(text.codePointCount(0, start), text.codePointCount(0, end));
    }

    /** Returns {@code end - start}. */
    public int length() {
        return end - start;
    }
}
