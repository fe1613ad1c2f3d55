package dev.tunebook.finetune.train;

import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.RunStatus;
import java.util.Map;

/**
 * What a fine-tuning run tells as it goes, on the training thread, in this order: {@link #started}
 * once; for every optimizer step {@link #stepped} right after the update, then, when a validation
 * is due, {@link #evaluating} after each of its batches and {@link #validated}, then {@link
 * #recorded}, then {@link #epochEnded} when the step ended an epoch; a completed run then {@link
 * #evaluating} and {@link #evaluated} for every split of its final evaluation; and {@link
 * #finished} once however the run ends, or {@link #aborted} when it throws. {@link #message}s may
 * come at any time. The run store ({@link RunRecording}) and the display ({@link RunProgress}) hear
 * the same events; neither reads the other.
 */
interface TrainingEvents {
    /** Receives a note for the user (the memory estimate, data parallelism). */
    default void message(String text) {}

    /**
     * Called once the run is set up: run {@code name} of {@code total} steps selects by {@code
     * metric}.
     */
    default void started(String name, int total, String metric) {}

    /** Receives what an optimizer step did, right after its update. */
    default void stepped(StepResult result) {}

    /**
     * Called after batch {@code batch} of {@code batches} of {@code split}, {@code seconds} into
     * the run; {@code last} for the final evaluation, false for a validation.
     */
    default void evaluating(String split, int batch, int batches, double seconds, boolean last) {}

    /** Receives a validation after {@code step} steps. */
    default void validated(Validation validation) {}

    /** Receives a finished step with the run's totals. */
    default void recorded(StepRecord step) {}

    /** Called when {@code epoch} (1-based) has ended. */
    default void epochEnded(int epoch) {}

    /** Receives the final metrics of {@code split}. */
    default void evaluated(String split, Map<String, Double> metrics) {}

    /** Called once when the run ends normally: completed, stopped early, interrupted or failed. */
    default void finished(Outcome outcome) {}

    /** Called when the run throws {@code error} instead of ending. */
    default void aborted(Exception error) {}

    /**
     * A validation.
     *
     * @param step the steps done
     * @param metrics the validation split's metrics ({@code loss}, {@code accuracy}, ...)
     * @param value the selection metric's value, or null
     * @param best the best value so far, or null
     */
    record Validation(int step, Map<String, Double> metrics, Double value, Double best) {}

    /**
     * A finished step.
     *
     * @param step the steps done (1-based)
     * @param epoch the fractional epoch
     * @param loss the step's training loss
     * @param lr the rate the step used
     * @param validation the validation metrics of this step, or null
     * @param examples training examples consumed so far
     * @param tokens training tokens consumed so far
     * @param seconds training seconds so far
     */
    record StepRecord(
            int step,
            double epoch,
            double loss,
            double lr,
            Map<String, Double> validation,
            long examples,
            long tokens,
            double seconds) {}

    /**
     * How a run ended.
     *
     * @param status completed, interrupted or failed
     * @param message how it ended, for the user
     * @param trainSeconds the training seconds (a completed run's, without its final evaluation)
     * @param examples training examples consumed
     * @param tokens training tokens consumed
     * @param evalSeconds the final evaluation's seconds, or null without one
     * @param inference inference figures measured after a completed run, or null
     */
    record Outcome(
            RunStatus status,
            String message,
            double trainSeconds,
            long examples,
            long tokens,
            Double evalSeconds,
            InferenceFigures inference) {}
}
