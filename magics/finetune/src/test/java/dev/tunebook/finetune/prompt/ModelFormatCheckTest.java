package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The prompt-format guard against the real tokenizer folders of the fixtures. */
class ModelFormatCheckTest {
    private static final PromptSpec SPEC =
            PromptSpec.parse("system: Label the review.\nuser: Review: {text}\nassistant: {label}");

    private static ChatPrompt builtin(String name, Path specialTokensFrom) {
        return new ChatPrompt(
                SPEC,
                PromptFormat.builder()
                        .setTemplate(ChatTemplateLibrary.builtin(name))
                        .optSpecialTokensFrom(specialTokensFrom)
                        .build());
    }

    @Test
    void llama2TemplateOnAChatmlModelIsReportedWithTheFirstDifferingPiece() {
        Path qwen3 = Fixtures.path("tokenizers/qwen3");
        FormatDifference d = ModelFormatCheck.check(builtin("llama2", qwen3), qwen3).orElseThrow();
        assertEquals(FormatDifference.Kind.TEMPLATE, d.kind());
        // what the issue saw: llama2's markers around qwen3's end-of-turn token
        assertTrue(d.inferencePrompt().contains("[INST]"), d.inferencePrompt());
        assertTrue(d.inferencePrompt().contains("{label} <|im_end|>"), d.inferencePrompt());
        assertTrue(d.trainingPrompt().startsWith("<|im_start|>system"), d.trainingPrompt());
        assertTrue(d.message().contains("'llama2'"), d.message());
        assertTrue(d.message().contains("at character 0"), d.message());
        assertTrue(d.message().contains("writes \"<|im_start|>system\\n"), d.message());
        assertTrue(d.message().contains("where this prompt writes \"[INST] <<SYS>>"), d.message());
        assertEquals(d.message(), ModelFormatCheck.recordOf(d).get("message"));
    }

    @Test
    void theModelsOwnTemplatePasses() {
        Path qwen3 = Fixtures.path("tokenizers/qwen3");
        assertEquals(
                Optional.empty(),
                ModelFormatCheck.check(new ChatPrompt(SPEC, PromptFormat.forModel(qwen3)), qwen3));
    }

    @Test
    void aChatmlPromptOnQwen3IsReportedWhereItDiffers() {
        Path qwen3 = Fixtures.path("tokenizers/qwen3");
        // qwen3's own template adds an empty think block to the last answer; plain chatml does not
        FormatDifference d = ModelFormatCheck.check(builtin("chatml", qwen3), qwen3).orElseThrow();
        int at = Integer.parseInt(d.message().replaceAll(".*at character (\\d+).*", "$1"));
        assertTrue(at > 0, d.message());
        assertEquals(d.trainingPrompt().substring(0, at), d.inferencePrompt().substring(0, at));
    }

    @Test
    void aModelWithoutATemplateOfItsOwnTakesAnyFormat() {
        Path gpt2 = Fixtures.path("tokenizers/gpt2");
        assertEquals(Optional.empty(), ModelFormatCheck.check(builtin("llama2", gpt2), gpt2));
        Path llama2 = Fixtures.path("tokenizers/llama2");
        assertEquals(Optional.empty(), ModelFormatCheck.check(builtin("chatml", llama2), llama2));
    }
}
