package dev.tunebook.finetune.train;

import java.util.function.Consumer;

/**
 * Shows a run as printed progress lines: one every twentieth of the run (and the last), as {@code
 * step 40/600 loss 0.5123 lr 4.8e-05 val_acc 0.873 12.3 ex/s}. What a {@link Trainer} shows without
 * a live display. Instances are not thread-safe.
 */
final class ProgressLines implements TrainingListener {
    private final Consumer<String> lines;
    private int printEvery = 1;
    private int lastPrinted = -1;

    ProgressLines(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void onStart(TrainingProgress progress) {
        printEvery = Math.max(1, progress.total() / 20);
    }

    @Override
    public void afterStep(StepResult result) {}

    @Override
    public void onProgress(TrainingProgress progress) {
        if (progress.step() % printEvery == 0) {
            lines.accept(progress.line());
            lastPrinted = progress.step();
        }
    }

    @Override
    public void onEnd(TrainingProgress progress, String message) {
        if (lastPrinted != progress.step()) {
            lines.accept(progress.line());
        }
    }
}
