package dev.tunebook.finetune.prompt;

import dev.tunebook.finetune.prompt.FormatDifference.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares how one conversation was rendered for training with how it is rendered for inference or
 * evaluation; a model prompted in another format than it was trained on loses much of what
 * fine-tuning taught it, silently.
 */
public final class PromptFormatCheck {

    private PromptFormatCheck() {}

    /**
     * Returns the differences between the two renderings of the same conversation, empty when the
     * inference prompt is exactly the training one's.
     *
     * @param training the rendering used for training ({@link PromptFormat#render})
     * @param inference the rendering used for inference ({@link PromptFormat#render} or {@link
     *     PromptFormat#renderPrompt})
     */
    public static List<FormatDifference> compare(
            PromptRendering training, PromptRendering inference) {
        String expected = training.inferencePrompt();
        String actual = inference.inferencePrompt();
        List<FormatDifference> out = new ArrayList<>();
        if (expected.equals(actual)) {
            return out;
        }
        if (!training.templateName().equals(inference.templateName())) {
            out.add(
                    diff(
                            Kind.TEMPLATE,
                            "trained with chat template '"
                                    + training.templateName()
                                    + "', prompted with '"
                                    + inference.templateName()
                                    + "'",
                            expected,
                            actual));
        }
        String system = training.systemPrompt();
        String otherSystem = inference.systemPrompt();
        if (system != null && otherSystem == null) {
            out.add(
                    diff(
                            Kind.SYSTEM_PROMPT_MISSING,
                            "the training prompts had the system prompt \""
                                    + system
                                    + "\"; the inference prompt has none",
                            expected,
                            actual));
        } else if (system != null && !Objects.equals(system, otherSystem)) {
            out.add(
                    diff(
                            Kind.SYSTEM_PROMPT_CHANGED,
                            "system prompt changed from \""
                                    + system
                                    + "\" to \""
                                    + otherSystem
                                    + "\"",
                            expected,
                            actual));
        }
        String cue = training.generationPrompt();
        if (!cue.isEmpty() && !actual.endsWith(cue)) {
            out.add(
                    diff(
                            Kind.GENERATION_PROMPT_MISSING,
                            "the inference prompt does not end with"
                                    + " the generation prompt \""
                                    + cue
                                    + "\" the model was trained to answer"
                                    + " after (add_generation_prompt)",
                            expected,
                            actual));
        }
        if (out.isEmpty()) {
            int at = firstDifference(expected, actual);
            out.add(diff(Kind.TEXT, "the prompts differ from character " + at, expected, actual));
        }
        return out;
    }

    private static FormatDifference diff(Kind kind, String message, String a, String b) {
        return new FormatDifference(kind, message, a, b);
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }
}
