package dev.tunebook.finetune.eval;

/**
 * Precision, recall and F-measure of one ROUGE comparison, as {@code rouge_score}'s {@code Score}
 * tuple.
 *
 * @param precision matched tokens over prediction tokens
 * @param recall matched tokens over reference tokens
 * @param fmeasure their harmonic mean (0 when both are 0)
 */
public record RougeScore(double precision, double recall, double fmeasure) {

    /**
     * Returns the harmonic mean of precision and recall, 0 when their sum is not positive, computed
     * in the same order of operations as {@code rouge_score.scoring.fmeasure} (so the doubles are
     * equal, not just close).
     */
    public static double fmeasure(double precision, double recall) {
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    }
}
