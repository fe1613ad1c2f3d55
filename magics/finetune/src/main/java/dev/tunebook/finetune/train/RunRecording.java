package dev.tunebook.finetune.train;

import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecorder;
import dev.tunebook.finetune.runs.RunStep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a fine-tuning run's events into its record in the run store: every step (with its
 * validation metrics as {@code val_*}), the final metrics per split, and how the run ended, with a
 * completed run's training seconds, throughput, tokens, evaluation seconds and inference figures.
 * Instances are not thread-safe.
 */
final class RunRecording implements TrainingEvents {
    private final RunRecorder recorder;

    RunRecording(RunRecorder recorder) {
        this.recorder = recorder;
    }

    /** Returns the run's id. */
    String id() {
        return recorder.id();
    }

    /** Returns a copy of the record as it stands. */
    RunRecord snapshot() {
        return recorder.snapshot();
    }

    @Override
    public void recorded(StepRecord step) {
        Map<String, Double> metrics = null;
        if (step.validation() != null) {
            metrics = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : step.validation().entrySet()) {
                metrics.put("val_" + e.getKey(), e.getValue());
            }
        }
        recorder.step(
                new RunStep(
                        step.step(),
                        step.epoch(),
                        step.loss(),
                        step.lr(),
                        metrics,
                        step.examples(),
                        step.seconds()));
    }

    @Override
    public void evaluated(String split, Map<String, Double> metrics) {
        recorder.metrics(split, metrics);
    }

    @Override
    public void finished(Outcome outcome) {
        switch (outcome.status()) {
            case COMPLETED -> complete(outcome);
            case INTERRUPTED -> recorder.interrupt();
            default -> recorder.fail(new ArithmeticException(outcome.message()));
        }
    }

    private void complete(Outcome outcome) {
        if (outcome.evalSeconds() != null) {
            recorder.update(r -> r.withExtra(FinalMetrics.EVAL_SECONDS, outcome.evalSeconds()));
        }
        if (outcome.inference() != null) {
            recorder.update(r -> r.withInference(outcome.inference()));
        }
        double seconds = outcome.trainSeconds();
        recorder.update(
                r ->
                        r.toBuilder()
                                .optTrainSeconds(seconds)
                                .optExamplesPerSecond(outcome.examples() / Math.max(seconds, 1e-9))
                                .optTrainTokens(outcome.tokens())
                                .build());
        recorder.complete();
    }

    @Override
    public void aborted(Exception error) {
        recorder.fail(error);
    }
}
