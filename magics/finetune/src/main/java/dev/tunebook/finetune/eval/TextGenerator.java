package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.prompt.ChatTemplate;
import dev.tunebook.finetune.prompt.Message;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Generates text from a causal language model: each input becomes a user turn rendered with the
 * chat format and its generation prompt (or is used as it is, without a format), the prompts are
 * decoded together as one batch, and the new tokens are decoded without special tokens.
 *
 * <p>Instances are not thread-safe (they share the model).
 */
public final class TextGenerator {
    private final CausalLanguageModel model;
    private final Tokenizer tokenizer;
    private final PromptFormat format;

    /**
     * Creates a generator.
     *
     * @param format the chat format, or {@code null} to give the model each input as raw text
     */
    public TextGenerator(CausalLanguageModel model, Tokenizer tokenizer, PromptFormat format) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.format = format;
    }

    /** Returns the chat format of the tokenizer's template, if it has one. */
    public static Optional<PromptFormat> chatFormat(Tokenizer tokenizer) {
        return tokenizer
                .chatTemplate()
                .map(
                        source -> {
                            PromptFormat.Builder b =
                                    PromptFormat.builder()
                                            .setTemplate(ChatTemplate.of("model", source));
                            tokenizer.bosToken().ifPresent(b::optBosToken);
                            tokenizer.eosToken().ifPresent(b::optEosToken);
                            return b.build();
                        });
    }

    /** Returns the prompt the model is given for {@code input}. */
    public String prompt(String input) {
        return format == null ? input : format.text(List.of(new Message("user", input)), true);
    }

    /** Returns the model's continuation of {@code input}. */
    public String generate(String input, GenerationOptions options) {
        return generate(List.of(input), options).get(0);
    }

    /** Returns the model's continuation of each input, decoded as one batch. */
    public List<String> generate(List<String> inputs, GenerationOptions options) {
        long[][] prompts = new long[inputs.size()][];
        for (int i = 0; i < prompts.length; i++) {
            Cancellation.current().throwIfCancelled();
            boolean special = format == null;
            prompts[i] = tokenizer.encode(prompt(inputs.get(i)), special).ids();
            if (prompts[i].length == 0) {
                throw new IllegalArgumentException("input " + i + " has no tokens");
            }
        }
        long[][] outputs = model.generate(prompts, options);
        List<String> texts = new ArrayList<>(inputs.size());
        for (int i = 0; i < outputs.length; i++) {
            long[] added = Arrays.copyOfRange(outputs[i], prompts[i].length, outputs[i].length);
            texts.add(tokenizer.decode(added, true));
        }
        return texts;
    }
}
