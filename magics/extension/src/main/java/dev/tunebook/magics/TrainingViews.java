package dev.tunebook.magics;

import dev.tunebook.finetune.train.TrainingProgress;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.kernel.MimeBundle;

/** Renders training progress and finished runs: HTML with charts, the loss chart as PNG, text. */
final class TrainingViews {
    private TrainingViews() {}

    /** Returns the live view of a run in progress. */
    static MimeBundle bundle(TrainingProgress progress) {
        return bundle(progress.render());
    }

    /** Returns a finished run: its last live view with the message and metrics below it. */
    static MimeBundle bundle(TrainingRun run) {
        return bundle(run.render());
    }

    private static MimeBundle bundle(TrainingProgress.Rendered view) {
        return new MimeBundle().text(view.text()).html(view.html()).png(view.png());
    }
}
