package dev.tunebook.finetune.eval;

/**
 * Precision, recall, F1 and support of one class, as scikit-learn's {@code
 * precision_recall_fscore_support(average=None)} reports them; a zero denominator gives 0.
 *
 * @param label the class label
 * @param precision true positives over predicted positives
 * @param recall true positives over actual positives
 * @param f1 the harmonic mean of precision and recall
 * @param support how many gold examples carry this label
 */
public record ClassScore(String label, double precision, double recall, double f1, int support) {}
