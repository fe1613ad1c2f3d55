package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptFormatTest {

    private static final List<Message> TWO_TURNS =
            List.of(
                    new Message("system", "Label sentiment."),
                    new Message("user", "Battery died."),
                    new Message("assistant", "negative"),
                    new Message("user", "Works great!"),
                    new Message("assistant", "positive"));

    private static PromptFormat format(String name) {
        return PromptFormat.builder()
                .setTemplate(ChatTemplateLibrary.builtin(name))
                .optBosToken("<s>")
                .optEosToken("</s>")
                .build();
    }

    @Test
    void chatmlTrainingTextPromptAndSpans() {
        PromptRendering r = format("chatml").render(TWO_TURNS);
        assertEquals(
                "<|im_start|>system\nLabel sentiment.<|im_end|>\n<|im_start|>user\nBattery died."
                        + "<|im_end|>\n<|im_start|>assistant\nnegative<|im_end|>\n<|im_start|>user"
                        + "\nWorks great!<|im_end|>\n<|im_start|>assistant\npositive<|im_end|>\n",
                r.trainingText());
        assertEquals(List.of("negative<|im_end|>\n", "positive<|im_end|>\n"), r.assistantTexts());
        assertTrue(r.inferencePrompt().endsWith("Works great!<|im_end|>\n<|im_start|>assistant\n"));
        assertEquals("<|im_start|>assistant\n", r.generationPrompt());
        assertEquals(
                r.inferencePrompt(),
                r.trainingText().substring(0, r.assistantSpans().get(1).start()));
    }

    @Test
    void qwen3SpansIncludeTheThinkBlockOnlyWhereTheTemplateRendersIt() {
        PromptRendering r = format("qwen3").render(TWO_TURNS);
        assertEquals(
                List.of("negative<|im_end|>\n", "<think>\n\n</think>\n\npositive<|im_end|>\n"),
                r.assistantTexts());
    }

    @Test
    void llama2AndZephyrSpans() {
        assertEquals(
                List.of(" negative </s>", " positive </s>"),
                format("llama2").render(TWO_TURNS).assistantTexts());
        assertEquals(
                List.of("negative</s>\n", "positive</s>\n"),
                format("zephyr").render(TWO_TURNS).assistantTexts());
    }

    @Test
    void generationBlocksGiveTheSameSpansAsPrefixRendering() {
        String chatmlWithGeneration =
                "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'}}"
                        + "{% if message['role'] == 'assistant' %}{% generation %}"
                        + "{{ message['content'] + '<|im_end|>' + '\\n' }}{% endgeneration %}"
                        + "{% else %}{{ message['content'] + '<|im_end|>' + '\\n' }}{% endif %}"
                        + "{% endfor %}{% if add_generation_prompt %}"
                        + "{{ '<|im_start|>assistant\\n' }}{% endif %}";
        PromptFormat tagged =
                PromptFormat.builder()
                        .setTemplate(ChatTemplate.of("chatml-gen", chatmlWithGeneration))
                        .build();
        PromptRendering withTags = tagged.render(TWO_TURNS);
        PromptRendering byPrefixes = format("chatml").render(TWO_TURNS);
        assertEquals(byPrefixes.trainingText(), withTags.trainingText());
        assertEquals(byPrefixes.assistantSpans(), withTags.assistantSpans());
    }

    @Test
    void modelFolderBringsTemplateAndSpecialTokens() {
        PromptFormat f = PromptFormat.forModel(Fixtures.path("tokenizers/qwen3"));
        assertEquals(ChatTemplateLibrary.builtin("qwen3").source(), f.template().source());
        PromptRendering r =
                f.render(List.of(new Message("user", "hi"), new Message("assistant", "yo")));
        assertEquals("<think>\n\n</think>\n\nyo<|im_end|>\n", r.assistantTexts().get(0));
    }
}
