package dev.tunebook.magics;

import dev.tunebook.finetune.train.StepResult;
import dev.tunebook.finetune.train.TrainingListener;
import dev.tunebook.finetune.train.TrainingProgress;
import dev.tunebook.kernel.Display;

/**
 * Shows a run's {@link TrainingProgress} in one display, updated in place at most once a second
 * (steps, and batches of evaluations, so the elapsed time moves while the final evaluation runs)
 * and once more when the run ends. Instances are not thread-safe.
 */
final class LiveTrainingView implements TrainingListener {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private String displayId;
    private long lastUpdate;

    @Override
    public void afterStep(StepResult result) {}

    @Override
    public void onProgress(TrainingProgress progress) {
        showIfDue(progress, false);
    }

    @Override
    public void onEvaluation(TrainingProgress progress) {
        showIfDue(progress, false);
    }

    @Override
    public void onEnd(TrainingProgress progress, String message) {
        showIfDue(progress, true);
    }

    private void showIfDue(TrainingProgress progress, boolean force) {
        long now = System.nanoTime();
        if (!force && displayId != null && now - lastUpdate < INTERVAL_NANOS) {
            return;
        }
        lastUpdate = now;
        if (displayId == null) {
            displayId = Display.display(TrainingViews.bundle(progress));
        } else {
            Display.updateDisplay(displayId, TrainingViews.bundle(progress));
        }
    }
}
