package dev.tunebook.finetune.prompt;

import java.util.TreeMap;

/**
 * Adds the parentheses that make jinjava group {@code not} and {@code is} as Jinja does.
 *
 * <p>In Jinja a test binds to the operand just before it, filters included ({@code xs|length is
 * odd}), and {@code not} applies to a whole comparison ({@code not a == b}, {@code not x is
 * defined}). jinjava binds {@code not} to the next operand only, so {@code not date_string is
 * defined} was always true there; it cannot parse a test after a filter at all.
 */
final class PrecedenceRewriter {

    private PrecedenceRewriter() {}

    /** Returns {@code expr} with every test and every {@code not} operand parenthesised. */
    static String rewrite(String expr) {
        return wrapNots(wrapTests(expr));
    }

    static String wrapTests(String expr) {
        TreeMap<Integer, String> inserts = new TreeMap<>();
        for (int at = nextWord(expr, "is", 0); at >= 0; at = nextWord(expr, "is", at + 2)) {
            int operandEnd = skipBack(expr, at);
            int start = operandStart(expr, operandEnd);
            if (start < operandEnd) {
                inserts.merge(start, "((", (a, b) -> a + b);
                inserts.merge(operandEnd, ")", (a, b) -> b + a);
                inserts.merge(testEnd(expr, at + 2), ")", (a, b) -> b + a);
            }
        }
        return apply(expr, inserts);
    }

    static String wrapNots(String expr) {
        TreeMap<Integer, String> inserts = new TreeMap<>();
        for (int at = nextWord(expr, "not", 0); at >= 0; at = nextWord(expr, "not", at + 3)) {
            int before = skipBack(expr, at);
            boolean isNot = before >= 2 && wordEndsAt(expr, "is", before);
            if (isNot || wordAt(expr, "in", skipForward(expr, at + 3))) {
                continue;
            }
            int end = skipBack(expr, operandEnd(expr, at + 3));
            inserts.merge(skipForward(expr, at + 3), "(", (a, b) -> a + b);
            inserts.merge(end, ")", (a, b) -> b + a);
        }
        return apply(expr, inserts);
    }

    /**
     * Returns where a {@code not} operand ends: at and/or/if/else, a comma or a closing bracket.
     */
    private static int operandEnd(String expr, int from) {
        int depth = 0;
        for (int i = ExpressionScanner.code(expr, from);
                i < expr.length();
                i = ExpressionScanner.code(expr, i + 1)) {
            char c = expr.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth < 0) {
                    return i;
                }
            } else if (depth == 0 && (c == ',' || stopWordAt(expr, i))) {
                return i;
            }
        }
        return expr.length();
    }

    private static boolean stopWordAt(String expr, int i) {
        return wordAt(expr, "and", i)
                || wordAt(expr, "or", i)
                || wordAt(expr, "if", i)
                || wordAt(expr, "else", i);
    }

    /** Returns where the operand of a test ending at {@code end} starts, filters included. */
    private static int operandStart(String expr, int end) {
        int start = ExpressionScanner.receiverStart(expr, end);
        while (start > 0) {
            int k = skipBack(expr, start);
            if (k == 0 || expr.charAt(k - 1) != '|') {
                break;
            }
            int chainEnd = skipBack(expr, k - 1);
            int previous = ExpressionScanner.receiverStart(expr, chainEnd);
            if (previous == chainEnd) {
                break;
            }
            start = previous;
        }
        return start;
    }

    /** Returns where {@code is [not] name [argument]} that starts after {@code from} ends. */
    private static int testEnd(String expr, int from) {
        int i = skipForward(expr, from);
        if (wordAt(expr, "not", i)) {
            i = skipForward(expr, i + 3);
        }
        while (i < expr.length() && ExpressionScanner.isIdent(expr.charAt(i))) {
            i++;
        }
        int next = skipForward(expr, i);
        if (next >= expr.length()) {
            return i;
        }
        char c = expr.charAt(next);
        if (c == '(') {
            return ExpressionScanner.matchClose(expr, next) + 1;
        }
        if (c == '\'' || c == '"') {
            return ExpressionScanner.stringEnd(expr, next);
        }
        if (ExpressionScanner.isIdent(c) && !stopWordAt(expr, next) && !wordAt(expr, "is", next)) {
            int k = next;
            while (k < expr.length()
                    && (ExpressionScanner.isIdent(expr.charAt(k)) || expr.charAt(k) == '.')) {
                k++;
            }
            return k;
        }
        return i;
    }

    /** Returns the next index of {@code word} as a whole word outside strings, or -1. */
    private static int nextWord(String expr, String word, int from) {
        for (int i = ExpressionScanner.code(expr, from);
                i < expr.length();
                i = ExpressionScanner.code(expr, i + 1)) {
            if (wordAt(expr, word, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean wordAt(String expr, String word, int i) {
        if (i < 0 || !expr.startsWith(word, i)) {
            return false;
        }
        boolean before = i == 0 || !ExpressionScanner.isIdent(expr.charAt(i - 1));
        int after = i + word.length();
        return before && (after >= expr.length() || !ExpressionScanner.isIdent(expr.charAt(after)));
    }

    private static boolean wordEndsAt(String expr, String word, int end) {
        return wordAt(expr, word, end - word.length());
    }

    private static int skipBack(String expr, int end) {
        int k = end;
        while (k > 0 && Character.isWhitespace(expr.charAt(k - 1))) {
            k--;
        }
        return k;
    }

    private static int skipForward(String expr, int from) {
        int k = from;
        while (k < expr.length() && Character.isWhitespace(expr.charAt(k))) {
            k++;
        }
        return k;
    }

    private static String apply(String expr, TreeMap<Integer, String> inserts) {
        StringBuilder sb = new StringBuilder(expr);
        for (var e : inserts.descendingMap().entrySet()) {
            sb.insert(e.getKey(), e.getValue());
        }
        return sb.toString();
    }
}
