package dev.tunebook.finetune.eval;

/**
 * Precision, recall and F-measure of one ROUGE comparison, as {@code rouge_score}'s {@code Score}
 * tuple.
 *
 * @param precision matched tokens over prediction tokens
 * @param recall matched tokens over reference tokens
 * @param fmeasure their harmonic mean (0 when both are 0)
 */
public record RougeScore(double precision, double recall, double fmeasure) {}
