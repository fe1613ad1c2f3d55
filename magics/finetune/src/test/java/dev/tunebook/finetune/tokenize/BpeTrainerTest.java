package dev.tunebook.finetune.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.DocumentTemplate;
import dev.tunebook.finetune.prompt.ChatTemplateLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {
    static final Path DEBIAN =
            Path.of(System.getProperty("tunebook.root", ".."))
                    .resolve("notebooks/data/debian-packages");
    static final List<String> SPECIAL =
            List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|pad|>");
    static final DocumentTemplate TEXT = new DocumentTemplate("{synopsis}\n{description}");

    @TempDir Path dir;

    @Test
    void learnsTheMostFrequentPairsFirstWithinWords() {
        BpeModel bpe =
                BpeTrainer.builder()
                        .setVocabSize(256 + 3)
                        .build()
                        .train(List.of("low low low lower", "newest newest"));
        // "l o" and "o w" occur 4 times (in low, 2 x " low", " lower"): the smaller ids win the
        // tie; then "lo w" (4), then "Ġ low" (3: " low" twice, " lower"), ahead of the pairs of
        // "newest" and " newest" (2 each)
        assertEquals(List.of("l o", "lo w", "Ġ low"), bpe.merges());
        assertEquals(List.of("lo", "low", "Ġlow"), bpe.tokens().subList(256, 259));
    }

    @Test
    void theSameWordsInAnyOrderGiveTheSameFile() throws IOException {
        List<String> texts =
                new ArrayList<>(TEXT.read(DEBIAN.resolve("val.jsonl")).subList(0, 400));
        BpeTrainer trainer =
                BpeTrainer.builder().setVocabSize(1000).optSpecialTokens(SPECIAL).build();
        trainer.train(texts).writeTokenizerJson(dir.resolve("a.json"));
        Collections.shuffle(texts, new Random(7));
        trainer.train(texts).writeTokenizerJson(dir.resolve("b.json"));
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("a.json")),
                Files.readAllBytes(dir.resolve("b.json")));
    }

    @Test
    void aTokenizerLearnedOnTrainRoundTripsEveryValidationText() throws IOException {
        BpeModel bpe =
                BpeTrainer.builder()
                        .setVocabSize(2048)
                        .optSpecialTokens(SPECIAL)
                        .build()
                        .train(TEXT.read(DEBIAN.resolve("train.jsonl")).subList(0, 4000));
        assertEquals(2048, bpe.vocabSize());
        bpe.writeTokenizerJson(dir.resolve("tokenizer.json"));
        String chatml = ChatTemplateLibrary.builtin("chatml").source();
        new ChatTokenizerConfig("<|im_end|>", "<|pad|>", chatml, 512).write(dir, bpe);
        List<String> val = TEXT.read(DEBIAN.resolve("val.jsonl"));
        long tokens = 0;
        long chars = 0;
        try (Tokenizer tokenizer = Tokenizer.load(dir)) {
            for (String text : val) {
                long[] ids = tokenizer.encode(text).ids();
                assertEquals(text, tokenizer.decode(ids), "round trip");
                tokens += ids.length;
                chars += text.length();
            }
            assertEquals(OptionalLong.of(0), tokenizer.tokenId("<|endoftext|>"));
            assertEquals(OptionalLong.of(2), tokenizer.tokenId("<|im_end|>"));
            assertEquals("<|im_end|>", tokenizer.eosToken().orElseThrow());
            assertEquals("<|pad|>", tokenizer.padToken().orElseThrow());
            String chat =
                    tokenizer.chatTemplate().orElseThrow().isEmpty()
                            ? ""
                            : ChatTemplateLibrary.fromModelDirectory(dir)
                                    .render(List.of(Map.of("role", "user", "content", "hi")), true);
            assertEquals("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", chat);
            long[] ids = tokenizer.encode(chat).ids();
            assertEquals(1, ids[0]);
            assertEquals(chat, tokenizer.decode(ids));
            String odd = "naïve café — 東京 😀\ttab\r\n  two  spaces\u00a0nbsp";
            assertEquals(odd, tokenizer.decode(tokenizer.encode(odd).ids()));
        }
        // 2048 tokens learned on this kind of text hold about 3 characters each (8192: about 4)
        assertTrue(chars / (double) tokens > 2.8, chars + " chars in " + tokens + " tokens");
    }

    @Test
    void aVocabularyTooSmallForTheBytesIsRefused() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                BpeTrainer.builder()
                                        .setVocabSize(258)
                                        .optSpecialTokens(SPECIAL)
                                        .build());
        assertTrue(e.getMessage().contains("256 byte tokens and 4 special tokens"), e.getMessage());
    }
}
