package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptSpecTest {

    private static final String BODY =
            "system: You label the sentiment of reviews as positive or negative.\n"
                    + "user: Review: {text}\n"
                    + "  Answer with one word.\n"
                    + "\n"
                    + "assistant: {label}\n";

    @Test
    void rowBecomesConversation() {
        PromptSpec spec = PromptSpec.parse(BODY);
        assertEquals(List.of("system", "user", "assistant"), spec.roles());
        assertEquals(Set.of("text", "label"), spec.columns());
        assertTrue(spec.endsWithAssistant());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("text", "Great battery.");
        row.put("label", "positive");
        row.put("id", 7L);
        assertEquals(
                List.of(
                        new Message(
                                "system",
                                "You label the sentiment of reviews as positive or negative."),
                        new Message("user", "Review: Great battery.\n  Answer with one word."),
                        new Message("assistant", "positive")),
                spec.messages(row));
    }

    @Test
    void doubledBracesAreLiteralAndValuesPrintAsPython() {
        PromptSpec spec = PromptSpec.parse("user: {{\"score\": {score}}} {flag}");
        assertEquals(
                List.of(new Message("user", "{\"score\": 0.5} True")),
                spec.messages(Map.of("score", 0.5, "flag", true)));
    }

    @Test
    void missingColumnIsNamedWithTheAvailableOnes() {
        PromptSpec spec = PromptSpec.parse(BODY);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("text", "x");
        row.put("sentiment", "y");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> spec.messages(row));
        assertEquals(
                "prompt line 5: placeholder {label} matches no column; available columns:"
                        + " text, sentiment",
                e.getMessage());
    }

    @Test
    void badBodiesNameTheLine() {
        IllegalArgumentException before =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptSpec.parse("\nReview: {text}\nuser: x"));
        assertTrue(before.getMessage().startsWith("prompt line 2:"), before.getMessage());
        IllegalArgumentException brace =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PromptSpec.parse("system: s\nuser: a\n b {text"));
        assertTrue(
                brace.getMessage().startsWith("prompt line 3: unmatched '{'"), brace.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PromptSpec.parse("user: a } b"));
        assertThrows(IllegalArgumentException.class, () -> PromptSpec.parse("  \n"));
    }
}
