package dev.tunebook.finetune.train;

import dev.tunebook.kernel.Display;

/**
 * Shows a run's {@link TrainingProgress}: in one display updated in place at most once a second,
 * or, when headless, as a printed line every few steps (about twenty lines a run, and one per
 * evaluation). Instances are not thread-safe.
 */
final class LiveView {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final Trainer trainer;
    private final TrainingProgress progress;
    private final int printEvery;
    private String displayId;
    private long lastUpdate;
    private double lr;
    private int lastPrinted = -1;

    LiveView(Trainer trainer, String name, int total, String metric) {
        this.trainer = trainer;
        this.progress = new TrainingProgress(name, total, metric);
        this.printEvery = Math.max(1, total / 20);
    }

    void message(String text) {
        trainer.out.println(text);
    }

    void lastLr(double value) {
        this.lr = value;
    }

    double lr() {
        return lr;
    }

    void step(int step, double loss, long examples, long tokens, double seconds) {
        progress.step(step, loss, lr, examples, tokens, seconds);
        if (trainer.live) {
            showIfDue(false);
        } else if (step % printEvery == 0) {
            trainer.out.println(progress.line());
            Display.progress(progress.line());
            lastPrinted = step;
        }
    }

    void evaluation(int step, double loss, Double metric, Double best) {
        progress.evaluation(step, loss, metric, best);
    }

    void finish(String status, String message) {
        progress.status(status);
        if (trainer.live) {
            showIfDue(true);
        } else if (lastPrinted != progress.step()) {
            trainer.out.println(progress.line());
            Display.progress(progress.line());
        }
        trainer.out.println(message);
        Display.progress(message);
    }

    private void showIfDue(boolean force) {
        long now = System.nanoTime();
        if (!force && displayId != null && now - lastUpdate < INTERVAL_NANOS) {
            return;
        }
        lastUpdate = now;
        if (displayId == null) {
            displayId = Display.display(progress.toMimeBundle());
        } else {
            Display.updateDisplay(displayId, progress.toMimeBundle());
        }
    }

    TrainingProgress progress() {
        return progress;
    }
}
