package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Assistant-only labels from the real Qwen3 tokenizer's offsets. */
class LossMaskTest {

    private static final List<Message> CHAT =
            List.of(
                    new Message("system", "Label sentiment."),
                    new Message("user", "Battery died in an hour."),
                    new Message("assistant", "negative"),
                    new Message("user", "Works great, très bien 😀😀😀"),
                    new Message("assistant", "positive 👍"));

    @Test
    void labelsCoverExactlyTheAssistantTurns() throws IOException {
        PromptRendering r =
                PromptFormat.builder()
                        .setTemplate(ChatTemplateLibrary.builtin("chatml"))
                        .build()
                        .render(CHAT);
        try (HuggingFaceTokenizer tokenizer =
                HuggingFaceTokenizer.newInstance(Fixtures.path("tokenizers/qwen3"))) {
            Encoding enc = tokenizer.encode(r.trainingText());
            long[] ids = enc.getIds();
            int[][] offsets = offsets(enc.getCharTokenSpans());
            long[] labels = LossMask.labels(ids, offsets, r.assistantSpansInCodePoints());
            List<Long> trained = new ArrayList<>();
            for (int t = 0; t < ids.length; t++) {
                assertTrue(labels[t] == LossMask.IGNORE_INDEX || labels[t] == ids[t]);
                if (labels[t] != LossMask.IGNORE_INDEX) {
                    trained.add(ids[t]);
                }
            }
            long[] kept = trained.stream().mapToLong(Long::longValue).toArray();
            assertEquals(
                    "negative<|im_end|>\npositive 👍<|im_end|>\n", tokenizer.decode(kept, false));
            assertTrue(kept.length < ids.length / 3, "most tokens are prompt, not answer");
        }
    }

    private static int[][] offsets(CharSpan[] spans) {
        int[][] out = new int[spans.length][];
        for (int i = 0; i < spans.length; i++) {
            // DJL gives no span (null) for special tokens the tokenizer adds, such as <s>
            out[i] =
                    spans[i] == null
                            ? new int[] {0, 0}
                            : new int[] {spans[i].getStart(), spans[i].getEnd()};
        }
        return out;
    }

    @Test
    void llama2TokenizerAddsBosThatIsNeverTrained() throws IOException {
        PromptRendering r =
                PromptFormat.builder()
                        .setTemplate(ChatTemplateLibrary.builtin("llama2"))
                        .optBosToken("<s>")
                        .optEosToken("</s>")
                        .build()
                        .render(CHAT.subList(0, 3));
        try (HuggingFaceTokenizer tokenizer =
                HuggingFaceTokenizer.newInstance(Fixtures.path("tokenizers/llama2"))) {
            Encoding enc = tokenizer.encode(r.trainingText());
            long[] labels =
                    LossMask.labels(
                            enc.getIds(),
                            offsets(enc.getCharTokenSpans()),
                            r.assistantSpansInCodePoints());
            assertEquals(LossMask.IGNORE_INDEX, labels[0]);
            List<Long> trained = new ArrayList<>();
            for (long label : labels) {
                if (label != LossMask.IGNORE_INDEX) {
                    trained.add(label);
                }
            }
            long[] kept = trained.stream().mapToLong(Long::longValue).toArray();
            assertEquals("negative </s>", tokenizer.decode(kept, false).strip());
        }
    }

    @Test
    void spansConvertToCodePointsAfterEmoji() {
        String text = "😀😀ab";
        assertEquals(new Span(2, 4), new Span(4, 6).inCodePoints(text));
        assertEquals(new Span(0, 1), new Span(0, 2).inCodePoints(text));
    }

    @Test
    void partialOverlapCountsAndEmptyTokensNever() {
        int[][] offsets = {{0, 0}, {0, 3}, {3, 6}, {6, 9}, {9, 9}};
        long[] ids = {1, 10, 11, 12, 2};
        long[] labels = LossMask.labels(ids, offsets, List.of(new Span(5, 9)));
        assertArrayEquals(new long[] {-100, -100, 11, 12, -100}, labels);
    }

    @Test
    void malformedOffsetsAreNamed() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LossMask.labels(
                                        new long[] {1, 2}, new int[][] {{0, 1}, {3}}, List.of()));
        assertTrue(e.getMessage().startsWith("token 1:"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> LossMask.labels(new long[] {1}, new int[][] {{0, 1}, {1, 2}}, List.of()));
    }
}
