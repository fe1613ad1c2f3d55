package dev.tunebook.magics;

import dev.tunebook.kernel.MagicUsageException;
import javax.lang.model.SourceVersion;

/**
 * The parsed arguments of {@code %%prompt}; {@code context}, {@code k} and {@code query} fill
 * {@code {context}} from an index (null context: none).
 */
record PromptOptions(
        String template,
        String name,
        int maxLength,
        int rows,
        String context,
        int k,
        String query) {

    /** Parses {@code --template X --name Y --max-length N --rows N}, in any order. */
    static PromptOptions parse(String args) {
        String template = null;
        String name = "prompt";
        int maxLength = 0;
        int rows = 3;
        String context = null;
        Integer k = null;
        String query = null;
        String[] words =
                args == null || args.isBlank() ? new String[0] : args.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String option = words[i];
            if (i + 1 >= words.length) {
                throw new MagicUsageException(option + " needs a value");
            }
            String value = words[++i];
            switch (option) {
                case "--template" -> template = value;
                case "--name" -> name = identifier(value);
                case "--max-length" -> maxLength = positive(option, value);
                case "--rows" -> rows = positive(option, value);
                case "--context" -> context = value;
                case "--k" -> k = positive(option, value);
                case "--query" -> query = value;
                default -> throw new MagicUsageException("unknown option " + option);
            }
        }
        if (context == null && (k != null || query != null)) {
            throw new MagicUsageException(
                    (k != null ? "--k" : "--query")
                            + " needs --context IDX: the index to fill"
                            + " {context} from");
        }
        return new PromptOptions(
                template, name, maxLength, rows, context, k == null ? 3 : k, query);
    }

    private static String identifier(String value) {
        if (!SourceVersion.isName(value)) {
            throw new MagicUsageException("--name " + value + ": not a Java variable name");
        }
        return value;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MagicUsageException(option + " " + value + ": expected a positive whole number");
    }
}
