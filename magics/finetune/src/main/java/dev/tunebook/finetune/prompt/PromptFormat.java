package dev.tunebook.finetune.prompt;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat template with the values it renders with (special tokens, {@code enable_thinking} and the
 * like): turns conversations into training text, inference prompts, and the spans of the assistant
 * turns that training computes its loss on.
 *
 * <p>Assistant spans come from the template's {@code {% generation %}} blocks when it has them.
 * Otherwise they are found by rendering prefixes of the conversation, which works for any template:
 * a turn starts where {@code messages[:i]} with the generation prompt ends and stops where {@code
 * messages[:i+1]} ends; where a template renders earlier turns differently once later ones follow
 * (Qwen3 drops their reasoning), the turn's content is located in the full text instead.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PromptFormat {

    private final ChatTemplate template;
    private final Map<String, Object> variables;

    private PromptFormat(ChatTemplate template, Map<String, Object> variables) {
        this.template = template;
        this.variables = Map.copyOf(variables);
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the format a model folder defines: its chat template and special tokens. */
    public static PromptFormat forModel(Path dir) {
        return builder()
                .setTemplate(ChatTemplateLibrary.fromModelDirectory(dir))
                .optSpecialTokensFrom(dir)
                .build();
    }

    /** Returns the template. */
    public ChatTemplate template() {
        return template;
    }

    /** Returns the template inputs for {@code messages} with these variables. */
    public TemplateInputs inputs(List<Message> messages, boolean addGenerationPrompt) {
        TemplateInputs.Builder b = TemplateInputs.builder();
        variables.forEach(b::optVariable);
        return b.setConversation(messages).optAddGenerationPrompt(addGenerationPrompt).build();
    }

    /** Renders {@code messages} as text. */
    public String text(List<Message> messages, boolean addGenerationPrompt) {
        return template.render(inputs(messages, addGenerationPrompt)).text();
    }

    /**
     * Renders a conversation for training and inference.
     *
     * @throws ChatTemplateException if the template raises for this conversation
     */
    public PromptRendering render(List<Message> messages) {
        ChatRendering full = template.render(inputs(messages, false));
        List<Message> prompt = promptPart(messages);
        String withCue = text(prompt, true);
        String withoutCue = text(prompt, false);
        String cue = withCue.startsWith(withoutCue) ? withCue.substring(withoutCue.length()) : "";
        List<Span> spans =
                template.hasGenerationBlock()
                        ? full.generationSpans()
                        : AssistantSpans.byPrefixes(this, messages, full.text());
        return new PromptRendering(template.name(), messages, full.text(), withCue, cue, spans);
    }

    /**
     * Renders only an inference prompt, as an evaluation would: {@code messages} as given (without
     * the answer), with or without the generation prompt.
     */
    public PromptRendering renderPrompt(List<Message> messages, boolean addGenerationPrompt) {
        String text = text(messages, addGenerationPrompt);
        String bare = addGenerationPrompt ? text(messages, false) : text;
        String cue = text.startsWith(bare) ? text.substring(bare.length()) : "";
        return new PromptRendering(template.name(), messages, text, text, cue, List.of());
    }

    private static List<Message> promptPart(List<Message> messages) {
        int n = messages.size();
        boolean answered = n > 0 && messages.get(n - 1).role().equals("assistant");
        return answered ? messages.subList(0, n - 1) : messages;
    }

    /** Builds {@link PromptFormat}. Instances are not thread-safe. */
    public static final class Builder {
        private ChatTemplate template;
        private final Map<String, Object> variables = new LinkedHashMap<>();

        private Builder() {}

        /** Sets the chat template. */
        public Builder setTemplate(ChatTemplate template) {
            this.template = Objects.requireNonNull(template);
            return this;
        }

        /** Sets {@code bos_token}. */
        public Builder optBosToken(String token) {
            return optVariable("bos_token", token);
        }

        /** Sets {@code eos_token}. */
        public Builder optEosToken(String token) {
            return optVariable("eos_token", token);
        }

        /**
         * Sets {@code bos_token}, {@code eos_token}, {@code pad_token} and {@code unk_token} from a
         * model folder's {@code tokenizer_config.json}, when it has one.
         */
        public Builder optSpecialTokensFrom(Path modelDir) {
            SpecialTokens.fromModelDirectory(modelDir).forEach(this::optVariable);
            return this;
        }

        /** Sets any other template variable, such as {@code enable_thinking}. */
        public Builder optVariable(String name, Object value) {
            variables.put(Objects.requireNonNull(name), value);
            return this;
        }

        /** Returns the format; the template is required. */
        public PromptFormat build() {
            if (template == null) {
                throw new IllegalStateException("template is required: call setTemplate");
            }
            return new PromptFormat(template, variables);
        }
    }
}
