package dev.tunebook.kernel.jshell;

/** Positions in a cell's text: UTF-16 offsets to one-based lines and columns, and line contents. */
record CellText(String text) {
    /** Returns the zero-based line that {@code offset} is on. */
    int lineIndex(int offset) {
        int line = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Returns the one-based column of {@code offset} on its line. */
    int column(int offset) {
        int clamped = Math.min(Math.max(offset, 0), text.length());
        return clamped - lineStart(clamped) + 1;
    }

    /** Returns the text of the line that {@code offset} is on, without its line break. */
    String lineAt(int offset) {
        int clamped = Math.min(Math.max(offset, 0), text.length());
        int start = lineStart(clamped);
        int end = text.indexOf('\n', start);
        String line = end < 0 ? text.substring(start) : text.substring(start, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private int lineStart(int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }
}
