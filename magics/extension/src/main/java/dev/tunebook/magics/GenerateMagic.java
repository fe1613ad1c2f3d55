package dev.tunebook.magics;

import dev.tunebook.finetune.eval.TextGenerator;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import dev.tunebook.kernel.MimeBundle;
import java.util.List;

/**
 * {@code %generate [--model NAME] [--max-new-tokens N] [--temperature T] [--top-p P] [--seed N]
 * [--raw] TEXT}: shows what a causal model in the notebook writes for TEXT ({@link TextGenerator}).
 */
public final class GenerateMagic implements Magic {

    /** The usage text: synopsis, then explanation. */
    public static final String USAGE =
            "%generate [--model NAME] [--max-new-tokens N] [--temperature T] [--top-p P]"
                    + " [--seed N] [--raw] TEXT\n"
                    + "Generates the continuation of TEXT with a causal model and shows it. TEXT is"
                    + " given as a user turn of the chat template of `tokenizer` (with its"
                    + " generation prompt); --raw gives it as it is.\n"
                    + "--model: the notebook variable holding the model (default model).\n"
                    + "--max-new-tokens: most tokens to add (default 64). --temperature: 0 (the"
                    + " default) decodes greedily, above 0 samples. --top-p: nucleus mass kept"
                    + " when sampling (default 1). --seed: sampling seed (default 42).";

    /** Returns this magic's registration. */
    public static MagicSpec spec() {
        return MagicSpec.line("generate", USAGE, new GenerateMagic());
    }

    /** The parsed arguments. */
    record Options(String model, boolean raw, GenerationOptions generation, String text) {}

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        Options options = parse(MagicArguments.words(args));
        LanguageModel model = NotebookVariables.model(context, options.model());
        if (!(model instanceof CausalLanguageModel causal)) {
            throw new MagicUsageException(
                    "'" + options.model() + "' is an encoder; %generate needs a causal model");
        }
        Tokenizer tokenizer = NotebookVariables.tokenizer(context, options.model());
        PromptFormat format =
                options.raw() ? null : TextGenerator.chatFormat(tokenizer).orElse(null);
        String output =
                new TextGenerator(causal, tokenizer, format)
                        .generate(options.text(), options.generation());
        return new MimeBundle()
                .text(output)
                .html("<pre class=\"tunebook-generation\">" + escape(output) + "</pre>");
    }

    static Options parse(List<String> words) {
        String model = "model";
        boolean raw = false;
        GenerationOptions.Builder g = GenerationOptions.builder().optMaxNewTokens(64);
        int i = 0;
        for (; i < words.size() && words.get(i).startsWith("--"); i++) {
            String option = words.get(i);
            switch (option) {
                case "--model" -> model = MagicArguments.value(words, i++);
                case "--raw" -> raw = true;
                case "--max-new-tokens" ->
                        g.optMaxNewTokens(
                                MagicArguments.integer(
                                        option, MagicArguments.value(words, i++), 1));
                case "--temperature" ->
                        g.optTemperature(
                                (float)
                                        MagicArguments.number(
                                                option, MagicArguments.value(words, i++), 0, 100));
                case "--top-p" ->
                        g.optTopP(
                                (float)
                                        MagicArguments.number(
                                                option, MagicArguments.value(words, i++), 1e-6, 1));
                case "--seed" ->
                        g.optSeed(
                                MagicArguments.integer(
                                        option, MagicArguments.value(words, i++), 0));
                default -> throw new MagicUsageException("unknown option " + option);
            }
        }
        String text = String.join(" ", words.subList(i, words.size()));
        if (text.isBlank()) {
            throw new MagicUsageException("give the TEXT to continue after the options");
        }
        return new Options(model, raw, g.build(), text);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
