package dev.tunebook.finetune.eval;

import java.util.List;
import java.util.Locale;

/**
 * ROUGE-L (sentence level) as Google's {@code rouge_score} package computes it with its default
 * tokenizer and no stemming: the longest common subsequence of the token lists, precision over the
 * prediction, recall over the reference, F-measure their harmonic mean.
 *
 * <p>Tokenisation matches {@code rouge_score.tokenize}: lowercase, replace every run of characters
 * outside {@code [a-z0-9]} by a space, split on whitespace. Non-ASCII letters are therefore
 * dropped, exactly as the reference does ("café" becomes "caf").
 */
public final class RougeL {
    private RougeL() {}

    /**
     * Returns the tokens {@code rouge_score}'s default tokenizer produces for {@code text}. Java's
     * {@link Locale#ROOT} lowercasing maps to ASCII the same characters Python's {@code str.lower}
     * does (the Kelvin sign to "k", dotted capital I to "i" and a combining dot).
     */
    public static List<String> tokens(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        return cleaned.isEmpty() ? List.of() : List.of(cleaned.split(" "));
    }

    /** Returns the ROUGE-L score of {@code prediction} against {@code reference}. */
    public static RougeScore score(String reference, String prediction) {
        return score(tokens(reference), tokens(prediction));
    }

    /** Returns the ROUGE-L score of two token lists; 0 when either is empty. */
    public static RougeScore score(List<String> reference, List<String> prediction) {
        if (reference.isEmpty() || prediction.isEmpty()) {
            return new RougeScore(0, 0, 0);
        }
        int lcs = lcsLength(reference, prediction);
        double precision = (double) lcs / prediction.size();
        double recall = (double) lcs / reference.size();
        return new RougeScore(precision, recall, RougeScore.fmeasure(precision, recall));
    }

    /**
     * Returns the mean ROUGE-L F-measure over pairs.
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static double meanF(List<String> references, List<String> predictions) {
        if (references.size() != predictions.size() || references.isEmpty()) {
            throw new IllegalArgumentException(
                    "need equally many references and predictions, at least one; got "
                            + references.size()
                            + " and "
                            + predictions.size());
        }
        double sum = 0;
        for (int i = 0; i < references.size(); i++) {
            sum += score(references.get(i), predictions.get(i)).fmeasure();
        }
        return sum / references.size();
    }

    static int lcsLength(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.size()];
    }
}
