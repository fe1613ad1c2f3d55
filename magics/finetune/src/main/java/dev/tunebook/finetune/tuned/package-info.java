/**
 * Fine-tuned models as values: {@link dev.tunebook.finetune.tuned.FineTunedModel} is a trained
 * classifier (its base model, adapter or weights, head, labels and tokenizer, on its device), made
 * from a finished run or loaded again from the run store, which predicts ({@link
 * dev.tunebook.finetune.tuned.TextPrediction}) and is evaluated like any other classifier.
 */
package dev.tunebook.finetune.tuned;
