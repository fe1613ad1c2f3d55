package dev.tunebook.finetune.eval;

import java.util.Arrays;
import java.util.List;

/**
 * A classifier's score for every label of one input; the prediction is the label with the highest
 * score (the first such label on ties). When no score is above {@code -Infinity} (a generated
 * answer that names no label) there is no prediction.
 *
 * @param labels the label names, in the classifier's order
 * @param scores one score per label (a cosine similarity, a log-likelihood, ...)
 */
public record LabelScores(List<String> labels, double[] scores) {
    /** Checks there is one score per label. */
    public LabelScores {
        labels = List.copyOf(labels);
        if (labels.isEmpty() || labels.size() != scores.length) {
            throw new IllegalArgumentException(
                    scores.length + " scores for " + labels.size() + " labels " + labels);
        }
        scores = scores.clone();
    }

    /** Returns the index of the best-scoring label, or -1 when there is no prediction. */
    public int best() {
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > Double.NEGATIVE_INFINITY && (best < 0 || scores[i] > scores[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Returns the best-scoring label, or {@code ""} when there is no prediction. */
    public String bestLabel() {
        int best = best();
        return best < 0 ? "" : labels.get(best);
    }

    /** Returns the best score, or {@code null} when there is no prediction. */
    public Double bestScore() {
        int best = best();
        return best < 0 ? null : scores[best];
    }

    /** Returns the score of {@code label}. */
    public double scoreOf(String label) {
        int index = labels.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("no label '" + label + "' in " + labels);
        }
        return scores[index];
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelScores that
                && labels.equals(that.labels)
                && Arrays.equals(scores, that.scores);
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "LabelScores" + labels + Arrays.toString(scores);
    }
}
