package dev.tunebook.finetune.train;

/** Called by the {@link Trainer} after every optimizer step, on the training thread. */
@FunctionalInterface
public interface TrainingListener {
    /** Receives what step {@code result.step()} (0-based) did. */
    void afterStep(StepResult result);
}
