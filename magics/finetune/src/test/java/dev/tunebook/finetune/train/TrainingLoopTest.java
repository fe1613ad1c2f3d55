package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStep;
import dev.tunebook.finetune.runs.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's cadence and early stopping in real runs of a linear head on tiny-bert: validations,
 * recorded validation metrics and checkpoints fall on the same steps, and a run that stops
 * improving stops and goes back to its best checkpoint.
 */
class TrainingLoopTest {
    @TempDir Path home;

    private static TrainingData data() {
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            rows.add(Example.classification(new int[] {2, 10 + i % 5, 20 + i % 3, 3}, i % 2));
        }
        Map<String, List<Example>> splits = new LinkedHashMap<>();
        splits.put("train", rows);
        splits.put("val", rows.subList(0, 4));
        return TrainingData.of(splits, List.of("a", "b"));
    }

    private TrainingRun train(TrainingConfig config, TrainingListener listener) throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-bert")) {
            return Trainer.builder()
                    .setModel(model)
                    .setData(data())
                    .optConfig(config)
                    .optRunStore(RunStore.at(home))
                    .optListener(listener)
                    .optLiveDisplay(false)
                    .optOutput(new PrintStream(new ByteArrayOutputStream()))
                    .build()
                    .run();
        }
    }

    private static List<Long> validatedSteps(TrainingRun run) {
        return run.record().steps().stream()
                .filter(s -> s.metrics() != null)
                .map(RunStep::step)
                .toList();
    }

    @Test
    void validationsRecordsAndCheckpointsFollowTheCadence() throws IOException {
        List<Integer> heard = new ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void afterStep(StepResult result) {}

                    @Override
                    public void onValidation(int step, Map<String, Double> metrics) {
                        heard.add(step);
                    }
                };
        TrainingConfig config =
                TrainingConfig.builder()
                        .optMethod(TrainingMethod.HEAD)
                        .optEpochs(1)
                        .optBatch(2)
                        .optEvalEvery(3)
                        .optSeed(5)
                        .build();
        TrainingRun run = train(config, listener);
        assertEquals(RunStatus.COMPLETED, run.status(), run.message());
        assertEquals(List.of(3, 6, 8), heard);
        assertEquals(List.of(3L, 6L, 8L), validatedSteps(run));
        Checkpoints saved = new Checkpoints(run.checkpoints());
        assertEquals(8, Checkpoints.state(saved.latest().orElseThrow()).step());
        for (RunStep step : run.record().steps()) {
            assertEquals(step.step() / 8.0, step.epoch(), 1e-12);
        }
    }

    @Test
    void aRunThatStopsImprovingStopsAndGoesBackToItsBestCheckpoint() throws IOException {
        // A rate this small leaves the head as it is, so no validation improves on the first.
        TrainingConfig config =
                TrainingConfig.builder()
                        .optMethod(TrainingMethod.HEAD)
                        .optEpochs(3)
                        .optBatch(4)
                        .optLr(1e-30)
                        .optEarlyStop(1)
                        .optSeed(5)
                        .build();
        TrainingRun run = train(config, result -> {});
        assertEquals(RunStatus.COMPLETED, run.status(), run.message());
        assertEquals(
                "stopped early at step 8: no improvement in 1 evaluations; best checkpoint: step 4",
                run.message());
        assertEquals(8, run.losses().length);
        assertEquals(List.of(4L, 8L), validatedSteps(run));
        Checkpoints saved = new Checkpoints(run.checkpoints());
        CheckpointState best = Checkpoints.state(saved.best().orElseThrow());
        assertEquals(4, best.step());
        assertNull(best.bestMetric(), "a checkpoint holds the state from before its validation");
        CheckpointState latest = Checkpoints.state(saved.latest().orElseThrow());
        assertEquals(8, latest.step());
        assertEquals(4, latest.bestStep());
        assertEquals(0, latest.evalsWithoutImprovement());
    }
}
