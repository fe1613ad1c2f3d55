package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.prompt.FormatDifference.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptFormatCheckTest {

    private static final List<Message> ROW =
            List.of(
                    new Message("system", "Label sentiment."),
                    new Message("user", "Battery died."),
                    new Message("assistant", "negative"));

    private static PromptFormat format(String name) {
        return PromptFormat.builder().setTemplate(ChatTemplateLibrary.builtin(name)).build();
    }

    @Test
    void sameFormatHasNoDifferences() {
        PromptRendering training = format("chatml").render(ROW);
        assertEquals(
                List.of(),
                PromptFormatCheck.compare(
                        training, format("chatml").renderPrompt(ROW.subList(0, 2), true)));
    }

    @Test
    void missingGenerationPromptIsReportedWithBothRenderings() {
        PromptRendering training = format("chatml").render(ROW);
        PromptRendering inference = format("chatml").renderPrompt(ROW.subList(0, 2), false);
        List<FormatDifference> diffs = PromptFormatCheck.compare(training, inference);
        assertEquals(
                List.of(Kind.GENERATION_PROMPT_MISSING),
                diffs.stream().map(FormatDifference::kind).toList());
        assertEquals(training.inferencePrompt(), diffs.get(0).trainingPrompt());
        assertEquals(inference.inferencePrompt(), diffs.get(0).inferencePrompt());
    }

    @Test
    void otherTemplateAndMissingSystemPrompt() {
        PromptRendering training = format("chatml").render(ROW);
        PromptRendering inference = format("zephyr").renderPrompt(ROW.subList(1, 2), true);
        List<Kind> kinds =
                PromptFormatCheck.compare(training, inference).stream()
                        .map(FormatDifference::kind)
                        .toList();
        assertEquals(
                List.of(Kind.TEMPLATE, Kind.SYSTEM_PROMPT_MISSING, Kind.GENERATION_PROMPT_MISSING),
                kinds);
    }

    @Test
    void changedSystemPromptIsQuoted() {
        PromptRendering training = format("chatml").render(ROW);
        PromptRendering inference =
                format("chatml")
                        .renderPrompt(List.of(new Message("system", "Be nice."), ROW.get(1)), true);
        List<FormatDifference> diffs = PromptFormatCheck.compare(training, inference);
        assertEquals(Kind.SYSTEM_PROMPT_CHANGED, diffs.get(0).kind());
        assertTrue(diffs.get(0).message().contains("\"Be nice.\""));
    }
}
