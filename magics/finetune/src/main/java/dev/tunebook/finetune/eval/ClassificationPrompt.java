package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.prompt.Message;
import dev.tunebook.finetune.prompt.PromptFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation a causal language model is prompted with to classify a text: an optional system
 * instruction, the few-shot examples as earlier user/assistant turns (the assistant turn is the
 * label word), then the text as the last user turn, rendered with the model's chat template and its
 * generation prompt. The model's answer is what follows.
 *
 * <p>Instances are immutable.
 */
public final class ClassificationPrompt {
    private final PromptFormat format;
    private final String instruction;
    private final List<Shot> shots;

    /**
     * One worked example shown before the text.
     *
     * @param text the example's text
     * @param answer the answer the assistant gives (its label word)
     */
    public record Shot(String text, String answer) {}

    /**
     * Creates a prompt.
     *
     * @param instruction the system message, or {@code null} for none
     * @param shots the examples, in the order they are shown (empty for zero-shot)
     */
    public ClassificationPrompt(PromptFormat format, String instruction, List<Shot> shots) {
        this.format = format;
        this.instruction = instruction;
        this.shots = List.copyOf(shots);
    }

    /** Returns the messages for {@code text}, without the answer. */
    public List<Message> messages(String text) {
        List<Message> messages = new ArrayList<>();
        if (instruction != null && !instruction.isBlank()) {
            messages.add(new Message("system", instruction));
        }
        for (Shot shot : shots) {
            messages.add(new Message("user", shot.text()));
            messages.add(new Message("assistant", shot.answer()));
        }
        messages.add(new Message("user", text));
        return messages;
    }

    /** Returns the prompt text for {@code text}, ending with the generation prompt. */
    public String render(String text) {
        return format.text(messages(text), true);
    }

    /** Returns the examples shown. */
    public List<Shot> shots() {
        return shots;
    }
}
