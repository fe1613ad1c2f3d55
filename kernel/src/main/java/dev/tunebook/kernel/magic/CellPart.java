package dev.tunebook.kernel.magic;

/** One piece of a parsed cell, run in order: Java code or a magic call. */
public sealed interface CellPart {
    /** Java code that starts at {@code offset} (a UTF-16 index into the cell). */
    record Java(String code, int offset) implements CellPart {}

    /**
     * A magic call.
     *
     * @param name the magic's name without {@code %}
     * @param cell true for a cell magic ({@code %%name}), false for a line magic
     * @param args the rest of the magic's line, trimmed
     * @param body the lines below a cell magic's first line, or null for a line magic
     * @param line the zero-based line of the cell the call is written on
     */
    record Magic(String name, boolean cell, String args, String body, int line)
            implements CellPart {}
}
