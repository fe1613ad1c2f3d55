package dev.tunebook.finetune.train;

/**
 * What one optimizer step did.
 *
 * @param step 0-based index of the optimizer step
 * @param loss the loss of the batch before the step (the mean over micro-batches)
 * @param learningRate the rate the step used
 * @param gradientNorm the global gradient norm before clipping, or NaN when not clipping
 * @param tokens real (non-padding) tokens in the step's batches
 */
public record StepResult(
        int step, double loss, double learningRate, double gradientNorm, long tokens) {}
