package dev.tunebook.magics;

import dev.tunebook.kernel.MagicUsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument line into words as a shell does: whitespace separates words, and {@code
 * "..."} or {@code '...'} quote a word with spaces ({@code \"} and {@code \\} escape inside double
 * quotes).
 */
final class MagicWords {
    private MagicWords() {}

    /**
     * Returns the words of {@code args}.
     *
     * @throws MagicUsageException if a quote is not closed
     */
    static List<String> split(String args) {
        List<String> words = new ArrayList<>();
        if (args == null) {
            return words;
        }
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < args.length()) {
                    word.append(args.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '"' || c == '\'') {
                    quote = c;
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new MagicUsageException("unclosed " + quote + " in: " + args);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Returns the value after option {@code words[i]}, or fails naming the option. */
    static String value(List<String> words, int i) {
        if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
            throw new MagicUsageException(words.get(i) + " needs a value");
        }
        return words.get(i + 1);
    }

    /** Parses a whole number of at least {@code min} for {@code option}. */
    static int integer(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MagicUsageException(
                option + " " + value + ": expected a whole number of at least " + min);
    }

    /** Parses a number within {@code [min, max]} for {@code option}. */
    static double number(String option, String value, double min, double max) {
        try {
            double x = Double.parseDouble(value);
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MagicUsageException(
                option + " " + value + ": expected a number from " + min + " to " + max);
    }
}
