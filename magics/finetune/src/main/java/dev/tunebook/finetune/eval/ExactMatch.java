package dev.tunebook.finetune.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Exact-match scoring of generated answers, optionally after the normalisation of the SQuAD v1.1
 * evaluation script ({@code normalize_answer}): lowercase, remove ASCII punctuation, remove the
 * articles "a", "an" and "the", and collapse whitespace.
 */
public final class ExactMatch {
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");

    private ExactMatch() {}

    /**
     * Returns {@code text} normalised as SQuAD's {@code normalize_answer} does. Lowercasing uses
     * {@link Locale#ROOT}, so the result does not depend on the default locale.
     */
    public static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        String noArticles = ARTICLES.matcher(kept).replaceAll(" ");
        // Python's str.split() splits on Unicode whitespace (NBSP too), hence (?U).
        return Arrays.stream(WHITESPACE.split(noArticles))
                .filter(t -> !t.isEmpty())
                .collect(Collectors.joining(" "));
    }

    /** Returns whether {@code predicted} equals {@code gold}, after normalising both if asked. */
    public static boolean matches(String predicted, String gold, boolean normalise) {
        return normalise ? normalise(predicted).equals(normalise(gold)) : predicted.equals(gold);
    }

    /**
     * Returns the fraction of pairs that match.
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static double score(List<String> predicted, List<String> gold, boolean normalise) {
        if (predicted.size() != gold.size() || gold.isEmpty()) {
            throw new IllegalArgumentException(
                    "need equally many predictions and answers, at least one; got "
                            + predicted.size()
                            + " and "
                            + gold.size());
        }
        int hits = 0;
        for (int i = 0; i < gold.size(); i++) {
            hits += matches(predicted.get(i), gold.get(i), normalise) ? 1 : 0;
        }
        return (double) hits / gold.size();
    }
}
