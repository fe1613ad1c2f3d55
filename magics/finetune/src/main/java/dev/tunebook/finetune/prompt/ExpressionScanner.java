package dev.tunebook.finetune.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Character-level scanning of Jinja expressions: strings, brackets, postfix chains. */
final class ExpressionScanner {

    private ExpressionScanner() {}

    /** Returns the index just past the string literal whose opening quote is at {@code i}. */
    static int stringEnd(String s, int i) {
        char quote = s.charAt(i);
        int k = i + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '\\') {
                k += 2;
            } else if (c == quote) {
                return k + 1;
            } else {
                k++;
            }
        }
        return s.length();
    }

    /**
     * Returns the first index at or after {@code i} that is outside string literals: {@code i}
     * itself unless a quote opens there, else the index just past that literal (and any that follow
     * it at once). Scanning loops step with it from one character of code to the next.
     */
    static int code(String s, int i) {
        int k = i;
        while (k < s.length() && (s.charAt(k) == '\'' || s.charAt(k) == '"')) {
            k = stringEnd(s, k);
        }
        return k;
    }

    /** Rewrites the leftmost slice subscript, or returns null when there is none. */
    static String rewriteFirstSlice(String expr) {
        for (int i = code(expr, 0); i < expr.length(); i = code(expr, i + 1)) {
            char c = expr.charAt(i);
            if (c == '[' && isSubscript(expr, i)) {
                int close = matchClose(expr, i);
                List<String> parts = splitTopLevel(expr.substring(i + 1, close), ':');
                if (parts.size() > 1 && close < expr.length()) {
                    int start = receiverStart(expr, i);
                    return expr.substring(0, start)
                            + sliceCall(expr.substring(start, i), parts)
                            + expr.substring(close + 1);
                }
            }
        }
        return null;
    }

    private static String sliceCall(String receiver, List<String> parts) {
        StringBuilder sb = new StringBuilder("(").append(receiver).append("|tb_slice(");
        for (int p = 0; p < 3; p++) {
            String part = p < parts.size() ? parts.get(p).strip() : "";
            sb.append(p > 0 ? ", " : "").append(part.isEmpty() ? "none" : part);
        }
        return sb.append("))").toString();
    }

    private static boolean isSubscript(String expr, int bracket) {
        if (bracket == 0) {
            return false;
        }
        char p = expr.charAt(bracket - 1);
        return isIdent(p) || p == ')' || p == ']' || p == '\'' || p == '"';
    }

    static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Returns the index of the bracket closing the one at {@code open}, or the length. */
    static int matchClose(String s, int open) {
        int depth = 0;
        for (int i = code(s, open); i < s.length(); i = code(s, i + 1)) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return s.length();
    }

    private static int matchOpen(String s, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = stringStart(s, i);
            } else if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '(' || c == '[' || c == '{') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return 0;
    }

    private static int stringStart(String s, int closeQuote) {
        char quote = s.charAt(closeQuote);
        for (int i = closeQuote - 1; i >= 0; i--) {
            if (s.charAt(i) == quote && (i == 0 || s.charAt(i - 1) != '\\')) {
                return i;
            }
        }
        return 0;
    }

    /** Returns where the postfix chain ({@code a.b(c)[d]}) ending before {@code bracket} starts. */
    static int receiverStart(String expr, int bracket) {
        int k = bracket - 1;
        while (k >= 0) {
            char c = expr.charAt(k);
            boolean group = c == ')' || c == ']' || c == '}';
            if (group) {
                k = matchOpen(expr, k) - 1;
            } else if (c == '\'' || c == '"') {
                k = stringStart(expr, k) - 1;
            } else if (isIdent(c)) {
                while (k >= 0 && isIdent(expr.charAt(k))) {
                    k--;
                }
            } else {
                break;
            }
            if (k >= 0 && expr.charAt(k) == '.') {
                k--;
            } else if (!(group && k >= 0 && continuesPostfix(expr.charAt(k)))) {
                break;
            }
        }
        return k + 1;
    }

    private static boolean continuesPostfix(char c) {
        return isIdent(c) || c == ')' || c == ']' || c == '\'' || c == '"';
    }

    /** Splits on {@code sep} where it is outside every bracket and string. */
    static List<String> splitTopLevel(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = code(s, 0); i < s.length(); i = code(s, i + 1)) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == sep && depth == 0) {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** Wraps every keyword-argument value of every call in parentheses. */
    static String wrapKeywordValues(String expr) {
        TreeMap<Integer, String> inserts = new TreeMap<>();
        for (int i = code(expr, 0); i < expr.length(); i = code(expr, i + 1)) {
            char c = expr.charAt(i);
            if (c == '(' && i > 0 && (isIdent(expr.charAt(i - 1)) || expr.charAt(i - 1) == ')')) {
                markKeywords(expr, i, inserts);
            }
        }
        StringBuilder sb = new StringBuilder(expr);
        for (var e : inserts.descendingMap().entrySet()) {
            sb.insert(e.getKey(), e.getValue());
        }
        return sb.toString();
    }

    private static void markKeywords(String expr, int open, TreeMap<Integer, String> inserts) {
        int close = matchClose(expr, open);
        if (close >= expr.length()) {
            return;
        }
        int argStart = open + 1;
        for (String arg : splitTopLevel(expr.substring(open + 1, close), ',')) {
            int eq = keywordEquals(arg);
            if (eq >= 0) {
                inserts.merge(argStart + eq + 1, "(", (a, b) -> a + b);
                inserts.merge(argStart + arg.length(), ")", (a, b) -> b + a);
            }
            argStart += arg.length() + 1;
        }
    }

    /** Returns the index of {@code =} in {@code name = value}, or -1 for a positional argument. */
    private static int keywordEquals(String arg) {
        int k = 0;
        while (k < arg.length() && Character.isWhitespace(arg.charAt(k))) {
            k++;
        }
        int nameStart = k;
        while (k < arg.length() && isIdent(arg.charAt(k))) {
            k++;
        }
        if (k == nameStart) {
            return -1;
        }
        while (k < arg.length() && Character.isWhitespace(arg.charAt(k))) {
            k++;
        }
        boolean single = k < arg.length() && arg.charAt(k) == '=';
        return single && (k + 1 >= arg.length() || arg.charAt(k + 1) != '=') ? k : -1;
    }

    /** Adds the name of every filter applied in {@code expr} ({@code x|name}) to {@code names}. */
    static void collectFilters(String expr, Set<String> names) {
        for (int i = code(expr, 0); i < expr.length(); i = code(expr, i + 1)) {
            if (expr.charAt(i) == '|') {
                int k = i + 1;
                while (k < expr.length() && Character.isWhitespace(expr.charAt(k))) {
                    k++;
                }
                int start = k;
                while (k < expr.length() && isIdent(expr.charAt(k))) {
                    k++;
                }
                if (k > start) {
                    names.add(expr.substring(start, k));
                }
            }
        }
    }
}
