package dev.tunebook.finetune.eval;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which label a free-form answer gives: the label word that occurs first in the answer as a
 * whole word, ignoring case ({@code "Positive."}, {@code "I'd say negative"}). An answer naming no
 * label gives none.
 */
public final class AnswerParser {
    private AnswerParser() {}

    /** Returns the index of the first label word found in {@code answer}, or -1 if none is. */
    public static int firstLabel(String answer, List<String> words) {
        int best = -1;
        int bestAt = Integer.MAX_VALUE;
        String text = answer.toLowerCase(Locale.ROOT);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).toLowerCase(Locale.ROOT).strip();
            Matcher m =
                    Pattern.compile(
                                    "(?<![\\p{L}\\p{N}])"
                                            + Pattern.quote(word)
                                            + "(?![\\p{L}\\p{N}])")
                            .matcher(text);
            if (!word.isEmpty() && m.find() && m.start() < bestAt) {
                best = i;
                bestAt = m.start();
            }
        }
        return best;
    }
}
