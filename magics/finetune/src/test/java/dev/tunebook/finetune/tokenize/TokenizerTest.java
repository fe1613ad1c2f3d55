package dev.tunebook.finetune.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
    @TempDir Path dir;

    @Test
    void readsSpecialTokensAndTemplateFromTheConfig() throws IOException {
        try (Tokenizer llama = Tokenizer.load(TokenizationParityTest.dir().resolve("llama2"))) {
            assertEquals(Optional.of("<s>"), llama.bosToken());
            assertEquals(Optional.of("</s>"), llama.eosToken());
            assertEquals(Optional.empty(), llama.padToken());
            assertEquals(Optional.of("<unk>"), llama.unkToken());
            assertEquals(Optional.of(true), llama.addsBosToken());
            assertEquals(OptionalLong.of(2), llama.tokenId("</s>"));
            assertEquals(OptionalLong.empty(), llama.tokenId("two words"));
            TokenizedText text = llama.encode("Hello world");
            assertEquals(List.of("<s>", "▁Hello", "▁world"), text.tokens());
            assertTrue(text.special()[0]);
            assertEquals("Hello", text.span(1));
        }
        try (Tokenizer qwen =
                Tokenizer.load(TokenizationParityTest.dir().resolve("qwen3/tokenizer.json"))) {
            assertTrue(qwen.chatTemplate().orElseThrow().contains("<|im_start|>"));
            TokenizedText emoji = qwen.encode("emoji 😀 ok", false);
            assertEquals(
                    "😀",
                    String.join(
                                    "",
                                    java.util.stream.IntStream.range(0, emoji.size())
                                            .mapToObj(emoji::span)
                                            .filter(s -> s.contains("😀"))
                                            .toList())
                            .strip());
        }
    }

    @Test
    void tokenObjectsInTheConfigAreAccepted() throws IOException {
        Files.copy(
                TokenizationParityTest.dir().resolve("gpt2/tokenizer.json"),
                dir.resolve("tokenizer.json"));
        Files.writeString(
                dir.resolve("tokenizer_config.json"),
                "{\"bos_token\": {\"content\": \"<|endoftext|>\", \"lstrip\": false}, \"eos_token\": null}");
        try (Tokenizer t = Tokenizer.load(dir)) {
            assertEquals(Optional.of("<|endoftext|>"), t.bosToken());
            assertEquals(Optional.empty(), t.eosToken());
        }
    }

    @Test
    void missingAndMalformedFilesAreNamed() throws IOException {
        var missing = assertThrows(TokenizerException.class, () -> Tokenizer.load(dir));
        assertEquals(dir.resolve("tokenizer.json"), missing.file());
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 3");
        var broken = assertThrows(TokenizerException.class, () -> Tokenizer.load(dir));
        assertTrue(
                broken.getMessage()
                        .startsWith(dir.resolve("tokenizer.json") + ": cannot be loaded"),
                broken.getMessage());
        Files.copy(
                TokenizationParityTest.dir().resolve("gpt2/tokenizer.json"),
                dir.resolve("tokenizer.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": 7}");
        var badField = assertThrows(TokenizerException.class, () -> Tokenizer.load(dir));
        assertTrue(
                badField.getMessage().endsWith("field 'eos_token' must be a token string, found 7"),
                badField.getMessage());
    }
}
