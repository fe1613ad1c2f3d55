package dev.tunebook.finetune.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python's {@code str} methods as chat templates call them, with Python's semantics. */
final class PythonStrings {

    private PythonStrings() {}

    /** Returns whether Python's {@code str.isspace()} holds for {@code c}. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && stripped(s.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && stripped(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
    }

    /** Python's {@code str.split(sep, maxsplit)}; a null {@code sep} splits on whitespace runs. */
    static List<String> split(String s, String sep, int maxsplit) {
        if (sep == null) {
            return splitWhitespace(s, maxsplit);
        }
        if (sep.isEmpty()) {
            throw new IllegalArgumentException("ValueError: empty separator");
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((maxsplit < 0 || parts.size() < maxsplit) && (at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<String> splitWhitespace(String s, int maxsplit) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return parts;
            }
            if (maxsplit >= 0 && parts.size() == maxsplit) {
                parts.add(strip(s.substring(i), null, false, true));
                return parts;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            parts.add(s.substring(start, i));
        }
    }

    /** Python's {@code str.title()}: a cased character after an uncased one is upper-cased. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean cased = Character.isUpperCase(c) || Character.isLowerCase(c);
            sb.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousCased = cased || Character.isTitleCase(c);
        }
        return sb.toString();
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        return Character.toTitleCase(s.charAt(0)) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int at;
        int done = 0;
        while (done < count && (at = s.indexOf(old, from)) >= 0) {
            sb.append(s, from, at).append(replacement);
            from = at + old.length();
            done++;
            if (old.isEmpty()) {
                if (from < s.length()) {
                    sb.append(s.charAt(from));
                }
                from++;
            }
        }
        return from <= s.length() ? sb.append(s.substring(from)).toString() : sb.toString();
    }

    /** Python's {@code str.format} for positional fields: {@code {}}, {@code {0}}, {@code {{}}. */
    static String format(String s, Object[] args) {
        StringBuilder sb = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < s.length() && s.charAt(i + 1) == c) {
                sb.append(c);
                i++;
            } else if (c == '{') {
                int close = s.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("ValueError: Single '{' in format string");
                }
                String field = s.substring(i + 1, close);
                int index = field.isEmpty() ? auto++ : Integer.parseInt(field.strip());
                sb.append(PythonValues.str(args[index]));
                i = close;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
