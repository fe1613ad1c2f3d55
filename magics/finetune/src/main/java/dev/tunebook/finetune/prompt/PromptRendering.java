package dev.tunebook.finetune.prompt;

import java.util.List;

/**
 * One conversation rendered for training and for inference.
 *
 * @param templateName the template's name
 * @param messages the conversation
 * @param trainingText the whole conversation as the model is trained on it
 * @param inferencePrompt everything before the final assistant turn, plus the generation prompt:
 *     what the model is given at inference
 * @param generationPrompt the text the template adds to cue a reply (for chatml {@code
 *     <|im_start|>assistant\n}); empty when it adds none
 * @param assistantSpans the spans of {@code trainingText} that the model is trained to produce
 */
public record PromptRendering(
        String templateName,
        List<Message> messages,
        String trainingText,
        String inferencePrompt,
        String generationPrompt,
        List<Span> assistantSpans) {

    /** Creates a rendering; copies the lists. */
    public PromptRendering {
        messages = List.copyOf(messages);
        assistantSpans = List.copyOf(assistantSpans);
    }

    /**
     * Returns the assistant spans in code point indices of {@code trainingText}, to match against
     * tokenizer offsets; see {@link Span#inCodePoints}.
     */
    public List<Span> assistantSpansInCodePoints() {
        return assistantSpans.stream().map(s -> s.inCodePoints(trainingText)).toList();
    }

    /** Returns the text of each assistant span, in order. */
    public List<String> assistantTexts() {
        return assistantSpans.stream()
                .map(s -> trainingText.substring(s.start(), s.end()))
                .toList();
    }

    /** Returns the system message's content, or null when the conversation has none. */
    public String systemPrompt() {
        return messages.stream()
                .filter(m -> m.role().equals("system"))
                .map(Message::content)
                .findFirst()
                .orElse(null);
    }
}
