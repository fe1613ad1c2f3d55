package dev.tunebook.magics;

import dev.tunebook.finetune.tokenize.TokenView;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code %tokenize [--model NAME] TEXT}: shows how a model's tokenizer splits a text. */
final class TokenizeMagic implements Magic {
    static final String USAGE =
            "%tokenize [--model NAME] TEXT\n"
                    + "Shows the tokens of TEXT as the tokenizer of model NAME (default model)"
                    + " splits it: each token coloured, special tokens (CLS, SEP, BOS...) outlined,"
                    + " and the ids. TEXT is the rest of the line, as written.";

    private static final Pattern MODEL_OPTION = Pattern.compile("--model\\s+(\\S+)\\s*");

    static MagicSpec spec() {
        return MagicSpec.line("tokenize", USAGE, new TokenizeMagic());
    }

    @Override
    public Object run(String args, String body, MagicContext context) {
        String name = NotebookVariables.MODEL;
        String text = args;
        Matcher m = MODEL_OPTION.matcher(args);
        if (m.lookingAt()) {
            name = m.group(1);
            text = args.substring(m.end());
        } else if (args.startsWith("--")) {
            throw new MagicUsageException("unknown option " + args.split("\\s+")[0]);
        }
        if (text.isBlank()) {
            throw new MagicUsageException("give a text to tokenize");
        }
        try {
            return TokenView.of(NotebookVariables.loadedModel(context, name).tokenizer(), text);
        } catch (IllegalStateException e) {
            throw new MagicUsageException(e.getMessage());
        }
    }
}
