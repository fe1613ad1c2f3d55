/**
 * Evaluation metrics and their renderings: accuracy, macro-F1, per-class scores, confusion
 * matrices, ROC-AUC, exact match, ROUGE-L and perplexity, plus a per-example {@link
 * dev.tunebook.finetune.eval.Predictions} table and a {@link
 * dev.tunebook.finetune.eval.MetricsReport}.
 *
 * <p>Everything here takes plain Java inputs (lists, arrays, numbers), so it needs no model or
 * engine; each metric follows a named reference implementation (scikit-learn, the SQuAD v1.1
 * evaluation script, Google's {@code rouge_score}) and its tests check that reference's values.
 */
package dev.tunebook.finetune.eval;
