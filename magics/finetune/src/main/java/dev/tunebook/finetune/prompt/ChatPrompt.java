package dev.tunebook.finetune.prompt;

import java.util.Map;
import java.util.Objects;

/**
 * A prompt bound to a format: how a dataset row becomes the text a model is trained on and the
 * prompt it is given at inference. This is what {@code %%prompt} binds in the notebook.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ChatPrompt {

    private final PromptSpec spec;
    private final PromptFormat format;

    /** Creates a prompt from its row mapping and its format. */
    public ChatPrompt(PromptSpec spec, PromptFormat format) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.format = Objects.requireNonNull(format, "format");
    }

    /** Returns how rows map to messages. */
    public PromptSpec spec() {
        return spec;
    }

    /** Returns the template and its variables. */
    public PromptFormat format() {
        return format;
    }

    /**
     * Renders one row for training and inference.
     *
     * @throws IllegalArgumentException if a placeholder names no column of the row
     * @throws ChatTemplateException if the template raises for the conversation
     */
    public PromptRendering render(Map<String, ?> row) {
        return format.render(spec.messages(row));
    }

    /** Returns the prompt for one row as the model is given it at inference. */
    public String inferencePrompt(Map<String, ?> row) {
        return render(row).inferencePrompt();
    }

    @Override
    public String toString() {
        return "ChatPrompt[" + format.template().name() + ", " + spec + "]";
    }
}
