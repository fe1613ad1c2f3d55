/**
 * Evaluation: metrics and their renderings (accuracy, macro-F1, per-class scores, confusion
 * matrices, ROC-AUC, exact match, ROUGE-1/2/L, perplexity, a per-example {@link
 * dev.tunebook.finetune.eval.Predictions} table and a {@link
 * dev.tunebook.finetune.eval.MetricsReport}), and the measurements that run models on the engine:
 * baselines without training ({@link dev.tunebook.finetune.eval.Baselines}), evaluation of a model
 * or a stored run ({@link dev.tunebook.finetune.eval.ModelEvaluator}), inference cost ({@link
 * dev.tunebook.finetune.eval.InferenceProfiler}), generation side by side ({@link
 * dev.tunebook.finetune.eval.GenerationComparison}), and generation scored against references,
 * recorded as runs ({@link dev.tunebook.finetune.eval.GenerationEvaluation}, {@link
 * dev.tunebook.finetune.eval.GenerationBaseline}).
 *
 * <p>The metrics take plain Java inputs (lists, arrays, numbers), so they need no model or engine;
 * each follows a named reference implementation (scikit-learn, the SQuAD v1.1 evaluation script,
 * Google's {@code rouge_score}) and its tests check that reference's values.
 */
package dev.tunebook.finetune.eval;
