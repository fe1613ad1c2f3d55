package dev.tunebook.magics;

import dev.tunebook.kernel.MagicUsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The arguments of a line magic: words split as a shell splits them (single or double quotes keep
 * spaces), {@code --option value} pairs, {@code --flag}s and positional words.
 *
 * <p>Instances are immutable.
 */
final class MagicArguments {
    private final Map<String, String> options;
    private final List<String> positional;

    private MagicArguments(Map<String, String> options, List<String> positional) {
        this.options = options;
        this.positional = positional;
    }

    /**
     * Parses {@code args}.
     *
     * @param valued the options that take a value
     * @param flags the options that take none
     * @throws MagicUsageException for an unknown option or one missing its value
     */
    static MagicArguments parse(String args, Set<String> valued, Set<String> flags) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        List<String> words = words(args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (flags.contains(word)) {
                options.put(word, "true");
            } else if (valued.contains(word)) {
                if (i + 1 >= words.size()) {
                    throw new MagicUsageException(word + " needs a value");
                }
                options.put(word, words.get(++i));
            } else if (word.startsWith("--")) {
                throw new MagicUsageException("unknown option " + word);
            } else {
                positional.add(word);
            }
        }
        return new MagicArguments(options, List.copyOf(positional));
    }

    /** Splits {@code args} into words; quotes group words and are removed. */
    static List<String> words(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; args != null && i < args.length(); i++) {
            char c = args.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new MagicUsageException("unclosed quote " + quote);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Returns the positional words, in order. */
    List<String> positional() {
        return positional;
    }

    /** Returns whether {@code flag} was given. */
    boolean has(String option) {
        return options.containsKey(option);
    }

    /** Returns the value of {@code option}, or {@code fallback}. */
    String get(String option, String fallback) {
        return options.getOrDefault(option, fallback);
    }

    /** Returns the value of {@code option} as a Java variable name, or {@code fallback}. */
    String variable(String option, String fallback) {
        String value = get(option, fallback);
        if (!SourceVersion.isName(value)) {
            throw new MagicUsageException(option + " " + value + ": not a Java variable name");
        }
        return value;
    }

    /** Returns the value of {@code option} as a positive whole number, or {@code fallback}. */
    long positive(String option, long fallback) {
        String value = options.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MagicUsageException(option + " " + value + ": expected a positive whole number");
    }

    /** Returns the value of {@code option} as a number, or {@code null} when absent. */
    Double number(String option) {
        String value = options.get(option);
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new MagicUsageException(option + " " + value + ": expected a number");
        }
    }
}
