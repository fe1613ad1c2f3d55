package dev.tunebook.magics;

import dev.tunebook.kernel.MagicUsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The arguments of a magic, split into words as a shell splits them: whitespace separates words,
 * {@code "..."} or {@code '...'} quote a word with spaces, and inside double quotes {@code \"} and
 * {@code \\} escape (any other backslash stays, so Windows paths need no doubling). Every magic of
 * the extension splits its arguments here, after {@link VariableArguments} has replaced {@code
 * {name}}s.
 *
 * <p>{@link #parse} reads {@code --option value} pairs, {@code --flag}s and positional words into
 * an instance; magics whose words depend on their order read {@link #words} themselves with {@link
 * #value}, {@link #integer} and {@link #number(String, String, double, double)}.
 *
 * <p>Instances are immutable.
 */
final class MagicArguments {
    private final Map<String, String> options;
    private final Map<String, List<String>> repeated;
    private final List<String> positional;

    private MagicArguments(
            Map<String, String> options,
            Map<String, List<String>> repeated,
            List<String> positional) {
        this.options = options;
        this.repeated = repeated;
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
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        List<String> words = words(args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (flags.contains(word)) {
                options.put(word, "true");
            } else if (valued.contains(word)) {
                String value = value(words, i++);
                options.put(word, value);
                repeated.computeIfAbsent(word, k -> new ArrayList<>()).add(value);
            } else if (word.startsWith("--")) {
                throw new MagicUsageException("unknown option " + word);
            } else {
                positional.add(word);
            }
        }
        return new MagicArguments(options, repeated, List.copyOf(positional));
    }

    /**
     * Returns the words of {@code args}; quotes group words and are removed.
     *
     * @throws MagicUsageException if a quote is not closed
     */
    static List<String> words(String args) {
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
                } else if (quote == '"' && c == '\\' && escapes(args, i + 1)) {
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
            throw new MagicUsageException("unclosed quote " + quote + " in: " + args);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static boolean escapes(String args, int next) {
        return next < args.length() && (args.charAt(next) == '"' || args.charAt(next) == '\\');
    }

    /**
     * Returns the value after option {@code words[i]}.
     *
     * @throws MagicUsageException naming the option when no word, or another option, follows it
     */
    static String value(List<String> words, int i) {
        if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
            throw new MagicUsageException(words.get(i) + " needs a value");
        }
        return words.get(i + 1);
    }

    /** Parses {@code value} of {@code option} as a whole number of at least {@code min}. */
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

    /** Parses {@code value} of {@code option} as a number within {@code [min, max]}. */
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

    /** Returns the positional words, in order. */
    List<String> positional() {
        return positional;
    }

    /** Returns whether {@code flag} was given. */
    boolean has(String option) {
        return options.containsKey(option);
    }

    /** Returns every value of an option that may be given more than once, in order. */
    List<String> values(String option) {
        return List.copyOf(repeated.getOrDefault(option, List.of()));
    }

    /**
     * Returns the value of {@code option} (its last, if given more than once), or {@code fallback}.
     */
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
