package dev.tunebook.finetune.prompt;

import java.util.List;

/**
 * The text a chat template produced and the spans its {@code {% generation %}} blocks covered.
 *
 * @param text the rendered text, exactly as {@code apply_chat_template(..., tokenize=False)}
 * @param generationSpans the spans of {@code {% generation %}} bodies, in order; empty when the
 *     template has no such block
 */
public record ChatRendering(String text, List<Span> generationSpans) {

    /** Creates a rendering; copies the span list. */
    public ChatRendering {
        generationSpans = List.copyOf(generationSpans);
    }
}
