package dev.tunebook.finetune.prompt;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What {@code %%prompt} shows: the first rows rendered (trained part marked) and, when a tokenizer
 * is at hand, token counts over the whole dataset.
 *
 * @param prompt the bound prompt
 * @param examples renderings of the first rows
 * @param stats token statistics over all rows, or null without a tokenizer
 */
public record PromptPreview(ChatPrompt prompt, List<PromptRendering> examples, TokenStats stats) {

    /** Creates a preview; copies the examples. */
    public PromptPreview {
        examples = List.copyOf(examples);
    }

    /**
     * Renders the first {@code shown} rows and, when {@code tokenCount} is given, counts the tokens
     * of every row's training text.
     *
     * @param tokenCount the number of tokens of a text, or null to skip counting
     * @param maxLength the length limit to report rows over, or 0 for none
     */
    public static PromptPreview of(
            ChatPrompt prompt,
            List<? extends Map<String, ?>> rows,
            int shown,
            ToIntFunction<String> tokenCount,
            int maxLength) {
        List<PromptRendering> examples =
                rows.stream().limit(shown).map(r -> prompt.render(r)).toList();
        TokenStats stats = null;
        if (tokenCount != null) {
            int[] counts = new int[rows.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = tokenCount.applyAsInt(prompt.render(rows.get(i)).trainingText());
            }
            stats = TokenStats.of(counts, maxLength);
        }
        return new PromptPreview(prompt, examples, stats);
    }

    /** Returns the preview as HTML. */
    public String html() {
        StringBuilder sb =
                new StringBuilder("<div><b>template</b> ")
                        .append(PromptHtml.escape(prompt.format().template().name()))
                        .append(" &middot; <b>columns</b> ")
                        .append(PromptHtml.escape(String.join(", ", prompt.spec().columns())));
        if (stats != null) {
            sb.append(" &middot; ").append(PromptHtml.escape(stats.summary()));
        }
        return sb.append("</div>").append(PromptHtml.render(examples)).toString();
    }

    /** Returns the preview as plain text: each example's training text with trained parts in ⟦⟧. */
    public String text() {
        StringBuilder sb = new StringBuilder("template " + prompt.format().template().name());
        if (stats != null) {
            sb.append("; ").append(stats.summary());
        }
        for (PromptRendering r : examples) {
            sb.append("\n---\n");
            int at = 0;
            for (Span s : r.assistantSpans()) {
                sb.append(r.trainingText(), at, s.start())
                        .append('⟦')
                        .append(r.trainingText(), s.start(), s.end())
                        .append('⟧');
                at = s.end();
            }
            sb.append(r.trainingText().substring(at));
        }
        return sb.toString();
    }
}
