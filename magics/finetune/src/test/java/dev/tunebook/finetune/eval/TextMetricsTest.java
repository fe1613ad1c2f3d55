package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextMetricsTest {
    @Test
    void squadNormalisationDropsCasePunctuationArticlesAndSpaces() {
        assertEquals("eiffel tower", ExactMatch.normalise("  The Eiffel   Tower! "));
        assertEquals("cat sat", ExactMatch.normalise("A cat, sat."));
        assertEquals("theatre", ExactMatch.normalise("Theatre"));
        assertEquals("", ExactMatch.normalise("the ."));
        assertEquals("new york", ExactMatch.normalise("New\u00a0York\t"));
    }

    @Test
    void exactMatchWithAndWithoutNormalisation() {
        assertTrue(ExactMatch.matches("the Eiffel Tower.", "Eiffel tower", true));
        assertFalse(ExactMatch.matches("the Eiffel Tower.", "Eiffel tower", false));
        double em =
                ExactMatch.score(
                        List.of("Paris", "paris!", "Rome"),
                        List.of("Paris", "Paris", "Berlin"),
                        true);
        assertEquals(2.0 / 3, em, 1e-12);
        assertThrows(
                IllegalArgumentException.class,
                () -> ExactMatch.score(List.of("a"), List.of(), true));
    }

    @Test
    void normalisationIgnoresTurkishDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertEquals("title", ExactMatch.normalise("TITLE"));
            assertEquals(List.of("title"), RougeL.tokens("TITLE"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void rougeLMatchesRougeScoreReadmeExample() {
        // rouge_score README: score('The quick brown fox jumps over the lazy dog',
        //   'The quick brown dog jumps on the log.') -> rougeL P=0.625 R=0.5556 F=0.5882
        RougeScore s =
                RougeL.score(
                        "The quick brown fox jumps over the lazy dog",
                        "The quick brown dog jumps on the log.");
        assertEquals(0.625, s.precision(), 1e-12);
        assertEquals(5.0 / 9, s.recall(), 1e-12);
        assertEquals(0.5882352941176471, s.fmeasure(), 1e-12);
    }

    @Test
    void rougeTokenizerKeepsOnlyAsciiAlphanumerics() {
        assertEquals(List.of("caf", "2", "go"), RougeL.tokens("Café-2 GO!"));
        assertEquals(List.of(), RougeL.tokens(" ... "));
        assertEquals(new RougeScore(0, 0, 0), RougeL.score("", "anything"));
        assertEquals(1.0, RougeL.meanF(List.of("a b"), List.of("A, b")), 1e-12);
    }

    @Test
    void perplexityIsExpOfMeanNll() {
        assertEquals(4.0, Perplexity.fromMeanNll(Math.log(4)), 1e-12);
        assertEquals(1.0, Perplexity.fromMeanNll(0), 1e-12);
        // tokens with NLL ln2 and ln8: mean ln4 -> 4
        assertEquals(4.0, Perplexity.fromTokenNlls(new double[] {Math.log(2), Math.log(8)}), 1e-12);
        assertEquals(4.0, Perplexity.fromTotalNll(3 * Math.log(4), 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromMeanNll(-1));
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromTotalNll(1, 0));
    }
}
