package dev.tunebook.finetune.train;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The step loop of a fine-tuning run, given its parts set up (see {@link FinetuneRun}): optimizer
 * steps until the last, a validation and a checkpoint when due, early stopping, cancellation, NaN
 * handling, and the final evaluation. It tells what happens to its {@link TrainingEvents} (the run
 * store's record and the display) and knows neither. Instances are used once and are not
 * thread-safe.
 */
final class TrainingLoop {
    /**
     * What a loop runs with.
     *
     * @param inputs the model and data trained
     * @param task what is trained
     * @param step the optimizer step
     * @param counters where the run stands (restored when it resumes)
     * @param cadence the step plan: total, epochs, when to validate and checkpoint
     * @param stopping the early-stopping policy (restored when it resumes)
     * @param checkpoints writes and restores checkpoints
     * @param synchronize copies the main model's weights to data-parallel replicas, if any
     * @param events who hears of the run
     * @param cancellation polled after every step
     * @param runId the run's id in the store, which an interrupted run names to resume it
     */
    record Parts(
            TrainingInputs inputs,
            TrainingTask task,
            LoopStep step,
            RunCounters counters,
            CheckpointCadence cadence,
            EarlyStopping stopping,
            RunCheckpointing checkpoints,
            Runnable synchronize,
            TrainingEvents events,
            Cancellation cancellation,
            String runId) {}

    private final Parts parts;
    private final RunCounters counters;
    private final TrainingEvents events;

    TrainingLoop(Parts parts) {
        this.parts = parts;
        this.counters = parts.counters();
        this.events = parts.events();
    }

    /** Trains to the end, an early stop, a cancellation or a divergence; returns the outcome. */
    TrainingEvents.Outcome run() throws IOException {
        counters.startClock();
        String validation = parts.inputs().data().validationSplit();
        int total = parts.cadence().total();
        while (counters.step() < total) {
            StepResult result = parts.step().run(counters);
            if (!Double.isFinite(result.loss())) {
                return fail("the training loss", result.loss(), result.step() + 1, false);
            }
            if (!Double.isFinite(result.gradientNorm())) {
                return fail("the gradient norm", result.gradientNorm(), result.step() + 1, false);
            }
            events.stepped(result);
            counters.stepped();
            Map<String, Double> evaluated = evaluateIfDue(validation);
            if (evaluated != null && !Double.isFinite(evaluated.getOrDefault("loss", 0.0))) {
                String what = "the " + validation + " loss";
                return fail(what, evaluated.get("loss"), counters.step(), true);
            }
            record(result, evaluated);
            if (evaluated != null && parts.stopping().shouldStop()) {
                return finish(parts.stopping().reason(counters.step()));
            }
            if (parts.cancellation().isCancelled()) {
                return interrupt();
            }
        }
        return finish("completed " + total + " steps");
    }

    /** Validates and checkpoints when due; returns the validation metrics, or null. */
    private Map<String, Double> evaluateIfDue(String validation) throws IOException {
        int step = counters.step();
        if (!parts.cadence().due(step)) {
            return null;
        }
        Map<String, Double> metrics = validation == null ? null : validate(validation);
        if (metrics != null && !Double.isFinite(metrics.getOrDefault("loss", 0.0))) {
            return metrics; // diverged: the caller fails the run; no checkpoint of broken weights
        }
        Double value = metrics == null ? null : metrics.get(parts.task().selectionMetric());
        // The checkpoint holds the early-stopping state from before this validation.
        Path written = parts.checkpoints().save(counters, parts.stopping());
        parts.checkpoints().keep(written, parts.stopping().observe(step, value));
        if (metrics != null) {
            events.validated(
                    new TrainingEvents.Validation(step, metrics, value, parts.stopping().best()));
        }
        return metrics;
    }

    private Map<String, Double> validate(String split) {
        TrainingTask.Batches done =
                (batch, batches) ->
                        events.evaluating(split, batch, batches, counters.seconds(), false);
        return parts.task().evaluate(split, done);
    }

    private void record(StepResult result, Map<String, Double> validation) {
        int step = counters.step();
        events.recorded(
                new TrainingEvents.StepRecord(
                        step,
                        parts.cadence().epoch(step),
                        result.loss(),
                        result.learningRate(),
                        validation,
                        counters.examples(),
                        counters.tokens(),
                        counters.seconds()));
        if (parts.cadence().endsEpoch(step)) {
            events.epochEnded(step / parts.cadence().stepsPerEpoch());
        }
    }

    private TrainingEvents.Outcome interrupt() throws IOException {
        parts.checkpoints().save(counters, parts.stopping());
        return end(
                RunStatus.INTERRUPTED,
                "interrupted at step "
                        + counters.step()
                        + " of "
                        + parts.cadence().total()
                        + "; checkpoint saved, resume with --resume "
                        + parts.runId());
    }

    /**
     * Fails the run because {@code what} is {@code value} at {@code failedStep}; when {@code
     * weightsBroken} (an evaluation of the stepped weights diverged) the best saved weights are
     * restored into the model.
     */
    private TrainingEvents.Outcome fail(
            String what, double value, int failedStep, boolean weightsBroken) throws IOException {
        parts.step().clearGradients();
        String restored = "";
        if (weightsBroken && parts.checkpoints().restoreBest(parts.synchronize())) {
            int best = parts.stopping().bestStep();
            restored = "; the model holds the weights of step " + best + " again";
        }
        String message =
                what
                        + " is "
                        + value
                        + " at step "
                        + failedStep
                        + "; the model diverged and training stopped, the last good"
                        + " checkpoint is kept (lower --lr or set --clip)"
                        + restored;
        return end(RunStatus.FAILED, message);
    }

    private TrainingEvents.Outcome finish(String message) throws IOException {
        int bestStep = parts.stopping().bestStep();
        if (bestStep > 0 && bestStep != counters.step()) {
            parts.checkpoints().restoreBest(parts.synchronize());
        }
        // Training ends here: the final evaluation is timed apart (eval_seconds), not as training.
        double seconds = counters.seconds();
        TrainingData data = parts.inputs().data();
        double evalSeconds = FinalMetrics.evaluate(parts.task(), data, events, counters::seconds);
        InferenceFigures inference =
                FinetuneInference.measure(parts.task(), parts.inputs().model(), data);
        String ended = message + (bestStep > 0 ? "; best checkpoint: step " + bestStep : "");
        return new TrainingEvents.Outcome(
                RunStatus.COMPLETED,
                ended,
                seconds,
                counters.examples(),
                counters.tokens(),
                evalSeconds,
                inference);
    }

    /** Returns the outcome of a run that ended before its final evaluation. */
    private TrainingEvents.Outcome end(RunStatus status, String message) {
        return new TrainingEvents.Outcome(
                status,
                message,
                counters.seconds(),
                counters.examples(),
                counters.tokens(),
                null,
                null);
    }
}
