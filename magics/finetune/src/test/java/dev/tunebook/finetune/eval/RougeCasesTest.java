package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ROUGE-1/2/L against the values of Google's {@code rouge_score}: its own tests and docstring
 * examples, ROUGE-1.5.5 values on its test data, and tokenizer cases worked by hand (see {@code
 * src/test/resources/rouge/README.md}).
 */
class RougeCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                RougeCasesTest.class.getResourceAsStream("/rouge/cases.jsonl"),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode c = JSON.readTree(line);
                out.add(Arguments.of(c.get("source").asText(), c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesRougeScore(String source, JsonNode c) {
        String reference = c.get("reference").asText();
        String prediction = c.get("prediction").asText();
        double tolerance = c.has("places") ? 0.5 * Math.pow(10, -c.get("places").asInt()) : 1e-12;
        RougeScores scores = RougeScores.of(reference, prediction);
        check(c.get("rouge1"), scores.rouge1(), tolerance, source + " rouge1");
        check(c.get("rouge2"), scores.rouge2(), tolerance, source + " rouge2");
        check(c.get("rougeL"), scores.rougeL(), tolerance, source + " rougeL");
        assertEquals(scores.rougeL(), RougeL.score(reference, prediction));
        assertEquals(scores.rouge2(), RougeN.score(reference, prediction, 2));
        if (c.has("prediction_tokens")) {
            List<String> tokens = new ArrayList<>();
            c.get("prediction_tokens").forEach(t -> tokens.add(t.asText()));
            assertEquals(tokens, RougeL.tokens(prediction), source);
        }
    }

    @Test
    void rougeNNeedsAPositiveN() {
        assertThrows(IllegalArgumentException.class, () -> RougeN.score("a", "a", 0));
    }

    @Test
    void tokensIgnoreTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertEquals(List.of("title", "i"), RougeL.tokens("TITLE I"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    private static void check(JsonNode expected, RougeScore actual, double tolerance, String what) {
        assertEquals(value(expected.get(0)), actual.precision(), tolerance, what + " precision");
        assertEquals(value(expected.get(1)), actual.recall(), tolerance, what + " recall");
        assertEquals(value(expected.get(2)), actual.fmeasure(), tolerance, what + " fmeasure");
    }

    private static double value(JsonNode cell) {
        String text = cell.asText();
        int slash = text.indexOf('/');
        return slash < 0
                ? Double.parseDouble(text)
                : Double.parseDouble(text.substring(0, slash))
                        / Double.parseDouble(text.substring(slash + 1));
    }
}
