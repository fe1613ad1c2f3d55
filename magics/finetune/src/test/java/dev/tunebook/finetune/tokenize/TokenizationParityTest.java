package dev.tunebook.finetune.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code tokenizers/tokenization_cases.jsonl} matches transformers exactly. */
class TokenizationParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Tokenizer> TOKENIZERS = new HashMap<>();

    static Path dir() {
        Path root = Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        Path dir = root.resolve("tokenizers");
        assertTrue(Files.isDirectory(dir), "fixtures folder missing: " + dir.toAbsolutePath());
        return dir;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(dir().resolve("tokenization_cases.jsonl"))) {
            line++;
            if (!text.isBlank()) {
                JsonNode c = JSON.readTree(text);
                String name =
                        line
                                + " "
                                + c.get("tokenizer").asText()
                                + " special="
                                + c.get("add_special_tokens").asBoolean()
                                + " "
                                + JSON.writeValueAsString(c.get("text"));
                cases.add(Arguments.of(name, c));
            }
        }
        assertFalse(cases.isEmpty(), "no tokenization cases");
        return cases.stream();
    }

    private static Tokenizer tokenizer(String name) {
        return TOKENIZERS.computeIfAbsent(
                name,
                n -> {
                    try {
                        return Tokenizer.load(dir().resolve(n));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @AfterAll
    static void close() {
        TOKENIZERS.values().forEach(Tokenizer::close);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTransformers(String name, JsonNode c) {
        Tokenizer tokenizer = tokenizer(c.get("tokenizer").asText());
        TokenizedText got =
                tokenizer.encode(c.get("text").asText(), c.get("add_special_tokens").asBoolean());
        long[] ids = JSON.convertValue(c.get("ids"), long[].class);
        assertArrayEquals(ids, got.ids(), "ids");
        assertEquals(JSON.convertValue(c.get("tokens"), List.class), got.tokens(), "tokens");
        if (c.has("offsets")) {
            assertArrayEquals(
                    JSON.convertValue(c.get("offsets"), int[][].class), got.offsets(), "offsets");
        }
        assertEquals(c.get("decoded").asText(), tokenizer.decode(ids, false), "decoded");
        assertEquals(
                c.get("decoded_skip_special").asText(),
                tokenizer.decode(ids, true),
                "decoded_skip_special");
    }
}
