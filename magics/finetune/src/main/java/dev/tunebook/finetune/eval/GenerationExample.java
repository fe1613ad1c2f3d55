package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.prompt.PromptRendering;
import dev.tunebook.finetune.prompt.Span;
import java.util.List;
import java.util.Objects;

/**
 * One row of a generation evaluation: the conversation rendered with its reference answer as the
 * final assistant turn, what the model is given (everything before that turn, plus the generation
 * prompt), and the reference itself.
 *
 * @param id the row's index in the dataset
 * @param input the last user turn, as shown in the per-example table
 * @param reference the answer the output is compared with (never blank)
 * @param rendering the conversation rendered with the template; its last assistant span is the
 *     reference, scored for reference perplexity
 */
public record GenerationExample(
        String id, String input, String reference, PromptRendering rendering) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the reference is blank or the rendering marks no
     *     assistant span
     */
    public GenerationExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("example " + id + " has an empty reference");
        }
        if (rendering.assistantSpans().isEmpty()) {
            throw new IllegalArgumentException(
                    "example " + id + ": the template marks no assistant turn to score");
        }
    }

    /** Returns the text the model continues: the conversation up to the generation prompt. */
    public String prompt() {
        return rendering.inferencePrompt();
    }

    /** Returns the reference's span in code points of the rendered conversation. */
    public List<Span> referenceSpanInCodePoints() {
        List<Span> spans = rendering.assistantSpansInCodePoints();
        return List.of(spans.get(spans.size() - 1));
    }
}
