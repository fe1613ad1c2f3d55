package dev.tunebook.magics;

import dev.tunebook.kernel.MagicUsageException;
import javax.lang.model.SourceVersion;

/** The parsed arguments of {@code %%prompt}. */
record PromptOptions(String template, String name, int maxLength, int rows) {

    /** Parses {@code --template X --name Y --max-length N --rows N}, in any order. */
    static PromptOptions parse(String args) {
        String template = null;
        String name = "prompt";
        int maxLength = 0;
        int rows = 3;
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
                default -> throw new MagicUsageException("unknown option " + option);
            }
        }
        return new PromptOptions(template, name, maxLength, rows);
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
