package dev.tunebook.magics;

import dev.tunebook.finetune.train.TrainingDisplay;
import dev.tunebook.finetune.train.TrainingListener;
import dev.tunebook.kernel.Display;

/**
 * Shows the library's training runs through the kernel's display API: live in a notebook front end,
 * and as progress lines on the terminal of {@code tunebook run}. Registered as a service, so every
 * {@code Trainer} in the kernel's JVM uses it, from a magic or from a cell's own code.
 *
 * <p>Thread-safe.
 */
public final class NotebookTrainingDisplay implements TrainingDisplay {
    @Override
    public boolean live() {
        return !Display.headless();
    }

    @Override
    public TrainingListener open() {
        return new LiveTrainingView();
    }

    @Override
    public void progress(String line) {
        Display.progress(line);
    }
}
