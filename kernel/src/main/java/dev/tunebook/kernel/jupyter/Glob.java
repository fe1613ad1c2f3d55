package dev.tunebook.kernel.jupyter;

import java.util.regex.Pattern;

/** Translates the glob patterns of history searches ({@code *}, {@code ?}, {@code [...]}). */
final class Glob {
    private Glob() {}

    /** Returns a regex that matches what {@code glob} matches, across lines. */
    static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int close = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, close);
                regex.append('[').append(set.replace("\\", "\\\\")).append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
