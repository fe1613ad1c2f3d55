package dev.tunebook.finetune.train;

import java.util.Map;

/**
 * Receives a {@link Trainer}'s progress, on the training thread, in this order: {@link #onStart}
 * once; for every optimizer step {@link #afterStep}, then {@link #onValidation} when a validation
 * was due, then {@link #onProgress}, then {@link #onEpoch} when the step ended an epoch; {@link
 * #onEvaluation} after every batch of a validation and of the final evaluation of each split; and
 * {@link #onEnd} once, however the run ends (completed, stopped early, interrupted, failed). A
 * listener that throws fails the run. Only {@link #afterStep} must be implemented, so a lambda is a
 * listener.
 *
 * <p>The {@link TrainingProgress} passed is the run's own, updated as it goes: read it during the
 * call; do not change it.
 */
@FunctionalInterface
public interface TrainingListener {
    /** Called once the run is set up (or restored from its checkpoint), before its next step. */
    default void onStart(TrainingProgress progress) {}

    /** Receives what step {@code result.step()} (0-based) did, right after its update. */
    void afterStep(StepResult result);

    /**
     * Receives the validation split's metrics ({@code loss}, {@code accuracy}, ...) after {@code
     * step} steps.
     */
    default void onValidation(int step, Map<String, Double> metrics) {}

    /** Called when a step is recorded: {@code progress} holds the run so far. */
    default void onProgress(TrainingProgress progress) {}

    /**
     * Called while a split is evaluated (a validation, or the final evaluation of every split),
     * after each batch: {@code progress.evaluation()} says which split and how far, and {@code
     * progress} holds the time elapsed.
     */
    default void onEvaluation(TrainingProgress progress) {}

    /** Called when {@code epoch} (1-based) has ended. */
    default void onEpoch(int epoch, TrainingProgress progress) {}

    /**
     * Called once when the run ends: {@code progress.status()} is its status ({@code completed},
     * {@code interrupted}, {@code failed}) and {@code message} says how it ended.
     */
    default void onEnd(TrainingProgress progress, String message) {}
}
