package dev.tunebook.finetune.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's {@link TrainingProgress} and who hears of it: the trainer's listeners and the view (the
 * host's live display, or printed lines). Messages (the memory estimate, how the run ended) are
 * printed, and repeated on the host's progress channel when the run ends. Instances are not
 * thread-safe.
 */
final class RunProgress {
    private final TrainingProgress progress;
    private final List<TrainingListener> listeners;
    private final PrintStream out;
    private final Optional<TrainingDisplay> host;
    private final int stepsPerEpoch;

    /** Where progress lines go when no live display shows the run; null with one. */
    private final java.util.function.Consumer<String> lines;

    RunProgress(Trainer trainer, String name, int total, String metric, int stepsPerEpoch) {
        this.progress = new TrainingProgress(name, total, metric);
        this.out = trainer.out;
        this.host = TrainingDisplay.host();
        this.stepsPerEpoch = stepsPerEpoch;
        this.listeners = new ArrayList<>(trainer.listeners);
        if (trainer.live && host.isPresent()) {
            listeners.add(host.get().open());
            lines = null;
        } else {
            lines =
                    line -> {
                        out.println(line);
                        host.ifPresent(h -> h.progress(line));
                    };
            listeners.add(new ProgressLines(lines));
        }
    }

    void message(String text) {
        out.println(text);
    }

    void start() {
        listeners.forEach(l -> l.onStart(progress));
    }

    void afterStep(StepResult result) {
        listeners.forEach(l -> l.afterStep(result));
    }

    void validation(int step, Map<String, Double> metrics, Double value, Double best) {
        progress.evaluation(step, metrics.get("loss"), value, best);
        listeners.forEach(l -> l.onValidation(step, metrics));
    }

    void step(int step, double loss, double lr, long examples, long tokens, double seconds) {
        progress.step(step, loss, lr, examples, tokens, seconds);
        listeners.forEach(l -> l.onProgress(progress));
        if (stepsPerEpoch > 0 && step % stepsPerEpoch == 0) {
            listeners.forEach(l -> l.onEpoch(step / stepsPerEpoch, progress));
        }
    }

    /** Returns a task's batch reporter for {@code split}, reading the run's clock as it goes. */
    TrainingTask.Batches evaluating(String split, java.util.function.DoubleSupplier clock) {
        return (batch, batches) -> {
            progress.evaluating(split, batch, batches, clock.getAsDouble());
            listeners.forEach(l -> l.onEvaluation(progress));
        };
    }

    /**
     * Returns a batch reporter for the final evaluation of {@code split}: as {@link #evaluating},
     * and without a live display also a printed line at every quarter of the split's batches, so a
     * long final evaluation is not silent.
     */
    TrainingTask.Batches finalEvaluation(String split, java.util.function.DoubleSupplier clock) {
        TrainingTask.Batches reporter = evaluating(split, clock);
        return (batch, batches) -> {
            reporter.done(batch, batches);
            if (lines != null
                    && (batch == batches || 4 * batch / batches > 4 * (batch - 1) / batches)) {
                lines.accept(
                        String.format(
                                java.util.Locale.ROOT,
                                "final evaluation: %s %d/%d batches",
                                split,
                                batch,
                                batches));
            }
        };
    }

    void metrics(String split, Map<String, Double> values) {
        progress.metrics(split, values);
    }

    void finish(String status, String message) {
        progress.status(status);
        progress.message(message);
        listeners.forEach(l -> l.onEnd(progress, message));
        out.println(message);
        host.ifPresent(h -> h.progress(message));
    }

    TrainingProgress progress() {
        return progress;
    }
}
