package dev.tunebook.finetune.train;

import dev.tunebook.finetune.model.CausalLanguageModel;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Pretraining} run did and the model it trained. Close it to free the model.
 *
 * @param status {@code completed}, {@code interrupted} (cancelled; resume by running again) or
 *     {@code failed} (the loss or gradient diverged)
 * @param steps optimizer steps taken, over every session of the run
 * @param tokensSeen training tokens consumed (rows times their length), over every session
 * @param trainSeconds seconds spent in the step loop (validations and checkpoints included), over
 *     every session
 * @param epochs passes over the packed training rows
 * @param trainDocuments documents in the training text
 * @param trainTokens tokens of the training text with one end-of-text token per document (one
 *     epoch)
 * @param validation the last validation's {@code loss}, {@code perplexity} and {@code tokens}: for
 *     a completed run, over every validation row with the BF16-rounded weights that are saved; null
 *     when no validation ran
 * @param samples greedy continuations of the sample prompts (completed runs only)
 * @param copying {@link CopyProbe}'s {@code first} and {@code second} losses of the saved weights
 *     (completed runs only; null otherwise)
 * @param model the trained model (its weights rounded to BF16 values once completed)
 */
public record PretrainingRun(
        String status,
        int steps,
        long tokensSeen,
        double trainSeconds,
        double epochs,
        long trainDocuments,
        long trainTokens,
        Map<String, Double> validation,
        List<Sample> samples,
        Map<String, Double> copying,
        CausalLanguageModel model)
        implements AutoCloseable {

    /**
     * A greedy continuation.
     *
     * @param prompt the prompt text
     * @param continuation the generated text after it, without the end-of-text token
     */
    public record Sample(String prompt, String continuation) {}

    /** Returns whether the run trained all its steps. */
    public boolean completed() {
        return "completed".equals(status);
    }

    /** Returns the number of parameters of the model. */
    public long parameterCount() {
        return TrainableWeights.count(model.weights());
    }

    @Override
    public void close() {
        model.close();
    }
}
