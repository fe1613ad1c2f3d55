package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStep;
import dev.tunebook.finetune.runs.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run store's record and the display hear the same events from the loop: each takes what it
 * needs from them, and the record gets the learning rate and totals without the display.
 */
class TrainingEventsTest {
    @TempDir Path home;

    /** Writes the events a listener hears as short lines. */
    private static final class Heard implements TrainingListener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onStart(TrainingProgress progress) {
            seen.add("start " + progress.name() + " " + progress.total());
        }

        @Override
        public void afterStep(StepResult result) {
            seen.add("step " + result.step());
        }

        @Override
        public void onValidation(int step, Map<String, Double> metrics) {
            seen.add("validation " + step);
        }

        @Override
        public void onEvaluation(TrainingProgress progress) {
            seen.add("evaluating " + progress.evaluation().orElseThrow().split());
        }

        @Override
        public void onProgress(TrainingProgress progress) {
            seen.add("progress " + progress.step());
        }

        @Override
        public void onEpoch(int epoch, TrainingProgress progress) {
            seen.add("epoch " + epoch);
        }

        @Override
        public void onEnd(TrainingProgress progress, String message) {
            seen.add("end " + progress.status() + ": " + message);
        }
    }

    private RunRecording recording(RunStore store) {
        return new RunRecording(
                store.start(RunRecord.of(RunKind.FINETUNE, "scripted"), Duration.ofHours(1)));
    }

    @Test
    void theRecordAndTheViewTakeWhatTheyNeedFromTheSameEvents() {
        RunStore store = RunStore.at(home);
        RunRecording recording = recording(store);
        Heard heard = new Heard();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunProgress view =
                new RunProgress(
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        List.of(heard),
                        false);
        TrainingEvents events = new EventFanOut(recording, view);
        Map<String, Double> validation = Map.of("loss", 0.6, "accuracy", 0.75);
        events.message("memory estimate: small");
        events.started("scripted", 2, "accuracy");
        events.stepped(new StepResult(0, 0.7, 1e-3, 1.0, 10));
        events.recorded(new TrainingEvents.StepRecord(1, 0.5, 0.7, 1e-3, null, 4, 10, 0.1));
        events.stepped(new StepResult(1, 0.65, 5e-4, 1.0, 20));
        events.evaluating("val", 1, 1, 0.15, false);
        events.validated(new TrainingEvents.Validation(2, validation, 0.75, 0.75));
        events.recorded(new TrainingEvents.StepRecord(2, 1.0, 0.65, 5e-4, validation, 8, 20, 0.2));
        events.epochEnded(1);
        events.evaluating("test", 1, 1, 0.3, true);
        events.evaluated("test", Map.of("accuracy", 0.5, "loss", 0.7));
        events.finished(
                new TrainingEvents.Outcome(
                        RunStatus.COMPLETED, "completed 2 steps", 0.2, 8, 20, 0.1, null));

        assertEquals(
                List.of(
                        "start scripted 2",
                        "step 0",
                        "progress 1",
                        "step 1",
                        "evaluating val",
                        "validation 2",
                        "progress 2",
                        "epoch 1",
                        "evaluating test",
                        "end completed: completed 2 steps"),
                heard.seen);
        RunRecord stored = store.require(recording.id());
        assertEquals(RunStatus.COMPLETED, stored.status());
        List<RunStep> steps = stored.steps();
        assertEquals(2, steps.size());
        assertNull(steps.get(0).metrics());
        assertEquals(5e-4, steps.get(1).lr());
        assertEquals(Map.of("val_loss", 0.6, "val_accuracy", 0.75), steps.get(1).metrics());
        assertEquals(8L, steps.get(1).examplesSeen());
        assertEquals(Map.of("accuracy", 0.5, "loss", 0.7), stored.metrics().get("test"));
        assertEquals(0.2, stored.trainSeconds());
        assertEquals(40.0, stored.examplesPerSecond(), 1e-9);
        assertEquals(20L, stored.trainTokens());
        assertEquals(0.1, stored.extra().get(FinalMetrics.EVAL_SECONDS));
        TrainingProgress progress = view.progress();
        assertEquals("completed", progress.status());
        assertEquals(Map.of("accuracy", 0.5, "loss", 0.7), progress.metrics().get("test"));
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("memory estimate: small\n"), out);
        assertTrue(out.contains("step 2/2 loss 0.6500 lr 5.0e-04 val_acc 0.750"), out);
        assertTrue(out.contains("final evaluation: test 1/1 batches"), out);
        assertTrue(out.endsWith("completed 2 steps\n"), out);
    }

    @Test
    void aFailedRunIsRecordedWithItsMessageAndAnInterruptedOneAsInterrupted() {
        RunStore store = RunStore.at(home);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        RunRecording failed = recording(store);
        RunProgress view = new RunProgress(quiet, List.of(), false);
        view.started("scripted", 4, "loss");
        new EventFanOut(failed, view)
                .finished(
                        new TrainingEvents.Outcome(
                                RunStatus.FAILED, "the loss is NaN", 1, 4, 8, null, null));
        RunRecord record = store.require(failed.id());
        assertEquals(RunStatus.FAILED, record.status());
        assertEquals("ArithmeticException: the loss is NaN", record.error());
        assertEquals("failed", view.progress().status());

        RunRecording interrupted = recording(store);
        interrupted.finished(
                new TrainingEvents.Outcome(
                        RunStatus.INTERRUPTED, "interrupted", 1, 4, 8, null, null));
        assertEquals(RunStatus.INTERRUPTED, store.require(interrupted.id()).status());
    }
}
