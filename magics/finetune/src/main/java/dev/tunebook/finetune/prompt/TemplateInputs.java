package dev.tunebook.finetune.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The variables a chat template renders with: what transformers' {@code apply_chat_template} passes
 * ({@code messages}, {@code add_generation_prompt}, special tokens, {@code tools}, {@code
 * documents}) and any extra keyword such as {@code enable_thinking}.
 *
 * <p>Instances are immutable; build them with {@link #builder()}.
 */
public final class TemplateInputs {

    private final Map<String, Object> bindings;

    private TemplateInputs(Map<String, Object> bindings) {
        this.bindings = bindings;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a copy of the variables, keyed by their name in the template. */
    public Map<String, Object> bindings() {
        return new LinkedHashMap<>(bindings);
    }

    /** Returns the messages (maps with at least {@code role} and {@code content}). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> messages() {
        return (List<Map<String, Object>>) bindings.get("messages");
    }

    /** Returns a copy with other messages and everything else unchanged. */
    public TemplateInputs withMessages(List<? extends Map<String, ?>> messages) {
        Map<String, Object> copy = bindings();
        copy.put("messages", List.copyOf(messages));
        return new TemplateInputs(copy);
    }

    /** Returns a copy with {@code add_generation_prompt} set to {@code value}. */
    public TemplateInputs withGenerationPrompt(boolean value) {
        Map<String, Object> copy = bindings();
        copy.put("add_generation_prompt", value);
        return new TemplateInputs(copy);
    }

    /** Returns whether {@code add_generation_prompt} is set. */
    public boolean addGenerationPrompt() {
        return Boolean.TRUE.equals(bindings.get("add_generation_prompt"));
    }

    /** Builds {@link TemplateInputs}. Instances are not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> bindings = new LinkedHashMap<>();

        private Builder() {
            bindings.put("add_generation_prompt", false);
            bindings.put("bos_token", "");
            bindings.put("eos_token", "");
        }

        /** Sets the conversation as maps (as read from JSON: role, content, tool_calls, ...). */
        public Builder setMessages(List<? extends Map<String, ?>> messages) {
            bindings.put("messages", List.copyOf(messages));
            return this;
        }

        /** Sets the conversation. */
        public Builder setConversation(List<Message> messages) {
            return setMessages(Message.asMaps(messages));
        }

        /** Sets whether to append the assistant header that starts a reply (default false). */
        public Builder optAddGenerationPrompt(boolean value) {
            bindings.put("add_generation_prompt", value);
            return this;
        }

        /** Sets {@code bos_token} (default empty). */
        public Builder optBosToken(String token) {
            bindings.put("bos_token", Objects.requireNonNull(token));
            return this;
        }

        /** Sets {@code eos_token} (default empty). */
        public Builder optEosToken(String token) {
            bindings.put("eos_token", Objects.requireNonNull(token));
            return this;
        }

        /** Sets {@code tools}: JSON schemas of callable functions. */
        public Builder optTools(List<?> tools) {
            bindings.put("tools", tools);
            return this;
        }

        /** Sets {@code documents} for retrieval-augmented templates. */
        public Builder optDocuments(List<?> documents) {
            bindings.put("documents", documents);
            return this;
        }

        /** Sets any other template variable, such as {@code enable_thinking}. */
        public Builder optVariable(String name, Object value) {
            bindings.put(Objects.requireNonNull(name), value);
            return this;
        }

        /** Returns the inputs; messages are required. */
        public TemplateInputs build() {
            if (!bindings.containsKey("messages")) {
                throw new IllegalStateException("messages are required: call setMessages");
            }
            return new TemplateInputs(new LinkedHashMap<>(bindings));
        }
    }
}
