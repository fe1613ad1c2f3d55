package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run tells its listeners what happens, in order; without a host display it prints progress
 * lines, about twenty a run.
 */
class TrainingListenerTest {
    @TempDir Path home;

    /** Writes every event as one short line. */
    private static final class Events implements TrainingListener {
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
            boolean both = metrics.keySet().containsAll(List.of("loss", "accuracy"));
            seen.add("validation " + step + (both ? "" : " lacks loss or accuracy: " + metrics));
        }

        @Override
        public void onEvaluation(TrainingProgress progress) {
            TrainingProgress.Evaluation e = progress.evaluation().orElseThrow();
            String bar = "evaluating " + e.split() + ": <progress value=\"" + e.batch() + "\"";
            boolean shown = progress.render().html().contains(bar);
            seen.add(
                    "evaluating "
                            + e.split()
                            + " "
                            + e.batch()
                            + "/"
                            + e.batches()
                            + (shown ? "" : " not in the bar"));
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

    @Test
    void listenersHearEveryEventInOrderAndLinesArePrinted() throws Exception {
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            rows.add(Example.classification(new int[] {2, 10 + i % 5, 20 + i % 3, 3}, i % 2));
        }
        Map<String, List<Example>> splits = new java.util.LinkedHashMap<>();
        splits.put("train", rows);
        splits.put("val", rows.subList(0, 4));
        TrainingData data = TrainingData.of(splits, List.of("a", "b"));
        Events events = new Events();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LanguageModel model = TrainerFixtures.model("tiny-bert")) {
            TrainingRun run =
                    Trainer.builder()
                            .setModel(model)
                            .setData(data)
                            .optConfig(
                                    TrainingConfig.builder()
                                            .optMethod(TrainingMethod.HEAD)
                                            .optEpochs(2)
                                            .optBatch(4)
                                            .optName("heard")
                                            .build())
                            .optRunStore(RunStore.at(home))
                            .optListener(events)
                            .optOutput(new PrintStream(printed, true, StandardCharsets.UTF_8))
                            .build()
                            .run();
            String end = "end completed: " + run.message();
            assertEquals(
                    List.of(
                            "start heard 4",
                            "step 0",
                            "progress 1",
                            "step 1",
                            "evaluating val 1/1",
                            "validation 2",
                            "progress 2",
                            "epoch 1",
                            "step 2",
                            "progress 3",
                            "step 3",
                            "evaluating val 1/1",
                            "validation 4",
                            "progress 4",
                            "epoch 2",
                            "evaluating train 1/1",
                            "evaluating val 1/1",
                            end),
                    events.seen);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        for (int step = 1; step <= 4; step++) {
            assertTrue(out.contains("step " + step + "/4 loss "), out);
        }
        assertTrue(out.contains("completed 4 steps"), out);
    }
}
