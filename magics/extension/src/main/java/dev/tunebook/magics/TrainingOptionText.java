package dev.tunebook.magics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code %%finetune}'s option text as written in a notebook: {@code --key value} (or {@code
 * --key=value}) arguments and {@code key: value} body lines (blank lines and {@code #} comments
 * skipped). Keys are put in canonical form ({@code max_length} and {@code maxLength} become {@code
 * max-length}); arguments override body lines. Values may be quoted with {@code "} or {@code '}.
 */
final class TrainingOptionText {
    private TrainingOptionText() {}

    /**
     * Returns the options of {@code args} and {@code body} (either may be null), in order.
     *
     * @throws IllegalArgumentException naming an option without a value, a stray word, or the body
     *     line that is not {@code key: value}
     */
    static Map<String, String> parse(String args, String body) {
        Map<String, String> options = new LinkedHashMap<>();
        if (body != null) {
            parseBody(body, options);
        }
        if (args != null) {
            parseArgs(args, options);
        }
        return options;
    }

    /**
     * Returns {@code key} in the canonical form: lower case, words joined by '-', with
     * transformers' names {@code batch_size} and {@code learning_rate} as {@code batch} and {@code
     * lr}.
     */
    static String canonicalKey(String key) {
        String kebab = key.trim().replaceAll("([a-z])([A-Z])", "$1-$2").replace('_', '-');
        String lower = kebab.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "batch-size" -> "batch";
            case "learning-rate" -> "lr";
            default -> lower;
        };
    }

    private static void parseBody(String body, Map<String, String> options) {
        String[] lines = body.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(
                        "line " + (i + 1) + ": expected 'key: value', got '" + line + "'");
            }
            String key = canonicalKey(line.substring(0, colon));
            options.put(key, unquote(line.substring(colon + 1).trim()));
        }
    }

    private static void parseArgs(String args, Map<String, String> options) {
        List<String> words = words(args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--") || word.length() == 2) {
                throw new IllegalArgumentException(
                        "unexpected '" + word + "': options are written --key value");
            }
            int eq = word.indexOf('=');
            if (eq > 0) {
                options.put(canonicalKey(word.substring(2, eq)), word.substring(eq + 1));
                continue;
            }
            if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(word + ": needs a value");
            }
            options.put(canonicalKey(word.substring(2)), words.get(++i));
        }
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote " + quote + " in '" + text + "'");
        }
        if (inWord) {
            words.add(current.toString());
        }
        return words;
    }

    private static String unquote(String value) {
        boolean quoted =
                value.length() >= 2
                        && (value.startsWith("\"") && value.endsWith("\"")
                                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
