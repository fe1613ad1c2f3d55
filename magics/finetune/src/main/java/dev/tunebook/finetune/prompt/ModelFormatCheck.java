package dev.tunebook.finetune.prompt;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a prompt against the chat template of the model it is used with: a model that brings its
 * own template was tuned on text in that format, and a prompt in another one (a llama2 {@code
 * [INST]} prompt on a chatml model) teaches and asks it something it has never read.
 *
 * <p>The check renders one conversation of the prompt, with each placeholder standing for itself
 * ({@code {text}}), in the prompt's format and in the model's own, and compares the two training
 * texts; it says nothing when the model folder has no chat template. Stateless.
 */
public final class ModelFormatCheck {
    /** Characters of each rendering shown around the first difference. */
    private static final int PIECE = 40;

    private ModelFormatCheck() {}

    /**
     * Returns how {@code prompt} renders differently from the chat template of the model in {@code
     * modelDir}, with the first differing piece of both renderings in the message; empty when the
     * renderings agree or the folder has no chat template.
     */
    public static Optional<FormatDifference> check(ChatPrompt prompt, Path modelDir) {
        PromptFormat own;
        try {
            own = PromptFormat.forModel(modelDir);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // no template of its own: any format is the user's choice
        }
        List<Message> sample = prompt.spec().messages(placeholders(prompt.spec()));
        PromptRendering expected = own.render(sample);
        PromptRendering actual = prompt.format().render(sample);
        String a = expected.trainingText();
        String b = actual.trainingText();
        if (a.equals(b)) {
            return Optional.empty();
        }
        int at = firstDifference(a, b);
        String message =
                "this prompt uses chat template '"
                        + actual.templateName()
                        + "', but the model has its own ('"
                        + expected.templateName()
                        + "') and was trained on text in that format; they first differ at"
                        + " character "
                        + at
                        + ": the model's template writes \""
                        + piece(a, at)
                        + "\" where this prompt writes \""
                        + piece(b, at)
                        + "\" (use --template model)";
        return Optional.of(new FormatDifference(FormatDifference.Kind.TEMPLATE, message, a, b));
    }

    /** Returns the one-line form stored in a run record's {@code prompt_format_mismatch}. */
    public static Map<String, Object> recordOf(FormatDifference difference) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", difference.message());
        out.put("model_format", difference.trainingPrompt());
        out.put("prompt_format", difference.inferencePrompt());
        return out;
    }

    private static Map<String, Object> placeholders(PromptSpec spec) {
        Map<String, Object> row = new LinkedHashMap<>();
        spec.columns().forEach(c -> row.put(c, "{" + c + "}"));
        return row;
    }

    private static String piece(String text, int at) {
        int from = Math.max(0, at - 10);
        String shown = text.substring(from, Math.min(text.length(), at + PIECE));
        return (from > 0 ? "…" : "")
                + shown.replace("\n", "\\n")
                + (at + PIECE < text.length() ? "…" : "");
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
