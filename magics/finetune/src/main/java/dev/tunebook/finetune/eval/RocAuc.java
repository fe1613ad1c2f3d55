package dev.tunebook.finetune.eval;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve for binary labels and real-valued scores, equal to scikit-learn's {@code
 * roc_auc_score}: the probability that a random positive scores above a random negative, where a
 * tie counts one half (computed from average ranks, the Mann–Whitney U statistic).
 */
public final class RocAuc {
    private RocAuc() {}

    /**
     * Returns the ROC-AUC of {@code scores} against {@code positive}.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a score is NaN, or only one
     *     class is present (the AUC is undefined, as scikit-learn also refuses)
     */
    public static double of(boolean[] positive, double[] scores) {
        if (positive.length != scores.length) {
            throw new IllegalArgumentException(
                    positive.length + " labels but " + scores.length + " scores");
        }
        long positives = 0;
        for (int i = 0; i < positive.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score at index " + i + " is NaN");
            }
            positives += positive[i] ? 1 : 0;
        }
        long negatives = positive.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(
                    "ROC-AUC needs both classes; got "
                            + positives
                            + " positive and "
                            + negatives
                            + " negative examples");
        }
        double rankSum = positiveRankSum(positive, scores);
        double u = rankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * Returns the ROC-AUC where an example is positive when its gold label equals {@code
     * positiveLabel}, and {@code scores} are the model's scores for that label.
     */
    public static double of(java.util.List<String> gold, String positiveLabel, double[] scores) {
        boolean[] positive = new boolean[gold.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = positiveLabel.equals(gold.get(i));
        }
        return of(positive, scores);
    }

    private static double positiveRankSum(boolean[] positive, double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double sum = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                sum += positive[order[k]] ? averageRank : 0;
            }
            start = end + 1;
        }
        return sum;
    }
}
