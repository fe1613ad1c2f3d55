package dev.tunebook.finetune.tuned;

import dev.tunebook.finetune.eval.LabelScores;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fine-tuned classifier says of one text: the predicted label, its probability, and the
 * probability of every label (the softmax of the head's logits, in the head's label order).
 *
 * @param text the text as given (before any text prefix the tokenizer adds)
 * @param label the label with the highest probability
 * @param score the probability of {@code label}
 * @param scores the probability of every label, in the head's order
 */
public record TextPrediction(String text, String label, double score, Map<String, Double> scores) {
    /** Copies the scores, keeping their order. */
    public TextPrediction {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /**
     * Returns the prediction that log-probabilities {@code logProbabilities} make for {@code text}.
     */
    public static TextPrediction of(String text, LabelScores logProbabilities) {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        double[] values = logProbabilities.scores();
        for (int i = 0; i < values.length; i++) {
            probabilities.put(logProbabilities.labels().get(i), Math.exp(values[i]));
        }
        String best = logProbabilities.bestLabel();
        return new TextPrediction(text, best, probabilities.getOrDefault(best, 0.0), probabilities);
    }

    /** Returns the probability of {@code name}. */
    public double scoreOf(String name) {
        Double value = scores.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no label '" + name + "' in " + scores.keySet());
        }
        return value;
    }
}
