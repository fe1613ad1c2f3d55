package dev.tunebook.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * One snippet of a cell's Java code and where it starts in the cell.
 *
 * @param source the snippet's source as JShell gets it (a missing final semicolon added)
 * @param offset the UTF-16 index in the cell of the snippet's first character
 * @param length how many characters of the cell the snippet covers
 */
record SourceSnippet(String source, int offset, int length) {
    /** Splits {@code code}, which starts at {@code base} in its cell, into snippets. */
    static List<SourceSnippet> split(SourceCodeAnalysis analysis, String code, int base) {
        List<SourceSnippet> snippets = new ArrayList<>();
        int position = 0;
        while (position < code.length()) {
            position = skipWhitespace(code, position);
            String rest = code.substring(position);
            if (rest.isEmpty()) {
                break;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            if (info.source() == null) {
                snippets.add(new SourceSnippet(rest, base + position, rest.length()));
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            snippets.add(new SourceSnippet(info.source(), base + position, consumed));
            position += consumed;
        }
        return snippets;
    }

    private static int skipWhitespace(String code, int position) {
        while (position < code.length() && Character.isWhitespace(code.charAt(position))) {
            position++;
        }
        return position;
    }
}
