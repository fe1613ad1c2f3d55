package dev.tunebook.finetune.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Shows a fine-tuning run's events: keeps its {@link TrainingProgress} and tells the trainer's
 * {@link TrainingListener}s and the view (the host's live display, or printed lines). Messages (the
 * memory estimate) are printed. How the run ended goes to the host's progress channel, and is
 * printed only where no host shows it: a live display shows it, and the headless notebook runner
 * shows the {@link TrainingRun} as the cell's result. Instances are not thread-safe.
 */
final class RunProgress implements TrainingEvents {
    private final List<TrainingListener> listeners;
    private final PrintStream out;
    private final Optional<TrainingDisplay> host;
    private TrainingProgress progress;

    /** Where progress lines go when no live display shows the run; null with one. */
    private final Consumer<String> lines;

    /**
     * Creates the view of a run for {@code listeners}, shown live by the host's display when {@code
     * live} and there is one, else as lines printed on {@code out}.
     */
    RunProgress(PrintStream out, List<TrainingListener> listeners, boolean live) {
        this.out = out;
        this.host = TrainingDisplay.host();
        this.listeners = new ArrayList<>(listeners);
        if (live && host.isPresent()) {
            this.listeners.add(host.get().open());
            lines = null;
        } else {
            lines =
                    line -> {
                        out.println(line);
                        host.ifPresent(h -> h.progress(line));
                    };
            this.listeners.add(new ProgressLines(lines));
        }
    }

    @Override
    public void message(String text) {
        out.println(text);
    }

    @Override
    public void started(String name, int total, String metric) {
        progress = new TrainingProgress(name, total, metric);
        listeners.forEach(l -> l.onStart(progress));
    }

    @Override
    public void stepped(StepResult result) {
        listeners.forEach(l -> l.afterStep(result));
    }

    @Override
    public void evaluating(String split, int batch, int batches, double seconds, boolean last) {
        progress.evaluating(split, batch, batches, seconds);
        listeners.forEach(l -> l.onEvaluation(progress));
        // Without a live display a long final evaluation prints a line at every quarter.
        if (last
                && lines != null
                && (batch == batches || 4 * batch / batches > 4 * (batch - 1) / batches)) {
            lines.accept(
                    String.format(
                            Locale.ROOT,
                            "final evaluation: %s %d/%d batches",
                            split,
                            batch,
                            batches));
        }
    }

    @Override
    public void validated(Validation v) {
        progress.evaluation(v.step(), v.metrics().get("loss"), v.value(), v.best());
        listeners.forEach(l -> l.onValidation(v.step(), v.metrics()));
    }

    @Override
    public void recorded(StepRecord s) {
        progress.step(s.step(), s.loss(), s.lr(), s.examples(), s.tokens(), s.seconds());
        listeners.forEach(l -> l.onProgress(progress));
    }

    @Override
    public void epochEnded(int epoch) {
        listeners.forEach(l -> l.onEpoch(epoch, progress));
    }

    @Override
    public void evaluated(String split, java.util.Map<String, Double> metrics) {
        progress.metrics(split, metrics);
    }

    @Override
    public void finished(Outcome outcome) {
        progress.status(outcome.status().id());
        progress.message(outcome.message());
        listeners.forEach(l -> l.onEnd(progress, outcome.message()));
        if (printsOutcome()) {
            out.println(outcome.message());
        }
        host.ifPresent(h -> h.progress(outcome.message()));
    }

    /**
     * Returns whether how the run ended is printed: not where a live display shows it, nor where a
     * headless host (the notebook runner) shows it on its terminal and in the cell's result, else a
     * training cell would show it twice.
     */
    private boolean printsOutcome() {
        return host.isEmpty() || (lines != null && host.get().live());
    }

    /** Returns the run's view. */
    TrainingProgress progress() {
        return progress;
    }
}
