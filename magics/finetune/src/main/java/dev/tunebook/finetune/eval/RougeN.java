package dev.tunebook.finetune.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-N (sentence level) as Google's {@code rouge_score} package computes it with its default
 * tokenizer ({@link RougeL#tokens}) and no stemming: the n-grams of reference and prediction are
 * counted, the overlap is the sum over reference n-grams of the smaller count, precision divides it
 * by the prediction's n-grams and recall by the reference's (each at least 1, so a text shorter
 * than {@code n} tokens scores 0), and the F-measure is their harmonic mean (0 when both are 0).
 */
public final class RougeN {
    private RougeN() {}

    /**
     * Returns the ROUGE-N score of {@code prediction} against {@code reference}.
     *
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public static RougeScore score(String reference, String prediction, int n) {
        return score(RougeL.tokens(reference), RougeL.tokens(prediction), n);
    }

    /** Returns the ROUGE-N score of two token lists, as {@link #score(String, String, int)}. */
    public static RougeScore score(List<String> reference, List<String> prediction, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("ROUGE-N needs a positive n, got " + n);
        }
        Map<List<String>, Integer> ref = ngrams(reference, n);
        Map<List<String>, Integer> pred = ngrams(prediction, n);
        int overlap = 0;
        for (Map.Entry<List<String>, Integer> e : ref.entrySet()) {
            overlap += Math.min(e.getValue(), pred.getOrDefault(e.getKey(), 0));
        }
        double precision = (double) overlap / Math.max(count(prediction, n), 1);
        double recall = (double) overlap / Math.max(count(reference, n), 1);
        return new RougeScore(precision, recall, RougeScore.fmeasure(precision, recall));
    }

    private static int count(List<String> tokens, int n) {
        return Math.max(tokens.size() - n + 1, 0);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return counts;
    }
}
