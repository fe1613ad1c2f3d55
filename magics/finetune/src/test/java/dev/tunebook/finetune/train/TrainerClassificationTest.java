package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classification on tiny-bert over a slice of the UCI Amazon reviews, each method. */
class TrainerClassificationTest {
    private static TrainingData data;
    @TempDir Path home;

    @BeforeAll
    static void tokenise(@TempDir Path dir) throws IOException {
        Dataset amazon = TrainerFixtures.amazon();
        try (Tokenizer tokenizer = TrainerFixtures.wordTokenizer(amazon, dir)) {
            data = TrainerFixtures.slice(TrainingData.of(amazon, tokenizer, null, 32), 32, 16, 16);
        }
    }

    static TrainingRun train(LanguageModel model, TrainingConfig config, Path home)
            throws IOException {
        return Trainer.builder()
                .setModel(model)
                .setData(data)
                .optConfig(config)
                .optRunStore(RunStore.at(home))
                .optLiveDisplay(false)
                .optOutput(new PrintStream(new ByteArrayOutputStream()))
                .optModelName("tiny-bert")
                .optDatasetName("uci-amazon-slice")
                .build()
                .run();
    }

    static TrainingConfig.Builder config(TrainingMethod method, double lr, int epochs) {
        return TrainingConfig.builder()
                .optMethod(method)
                .optLr(lr)
                .optEpochs(epochs)
                .optBatch(8)
                .optSchedule(ScheduleKind.CONSTANT)
                .optSeed(7);
    }

    /** Returns the mean loss of the first and of the last {@code n} steps. */
    static double[] firstAndLast(double[] losses, int n) {
        double first = Arrays.stream(losses, 0, n).average().orElseThrow();
        double last =
                Arrays.stream(losses, losses.length - n, losses.length).average().orElseThrow();
        return new double[] {first, last};
    }

    @Test
    void fullFineTuningLowersTheLoss() throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-bert")) {
            TrainingRun run = train(model, config(TrainingMethod.FULL, 3e-3, 6).build(), home);
            assertEquals(RunStatus.COMPLETED, run.status(), run.message());
            double[] fl = firstAndLast(run.losses(), 4);
            assertTrue(fl[1] < fl[0] * 0.8, "loss " + Arrays.toString(run.losses()));
        }
    }

    @Test
    void loraLowersTheLossAndTrainsOnlyAdapterAndHead() throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-bert")) {
            TrainingRun run =
                    train(model, config(TrainingMethod.LORA, 1e-2, 6).optRank(4).build(), home);
            double[] fl = firstAndLast(run.losses(), 4);
            assertTrue(fl[1] < fl[0] * 0.9, "loss " + Arrays.toString(run.losses()));
            // 2 layers x (query, value) x (A [4,32] + B [32,4]) + head [2,32] + [2]
            assertEquals(2 * 2 * (4 * 32 + 32 * 4) + 66, run.record().trainableParams());
        }
    }

    @Test
    void headOnlyCachesEmbeddingsOnceAndLowersTheLoss() throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-bert")) {
            TrainingConfig config = config(TrainingMethod.HEAD, 5e-2, 10).build();
            ClassificationTask task =
                    (ClassificationTask) TrainingTasks.create(model, data, config, new Seed(7), 0);
            for (int i = 0; i < 3; i++) {
                task.loss(new int[] {0, 1, 2}, model.manager().newSubManager());
                task.evaluate("val");
            }
            // 32 train rows and 16 val rows: one encoder batch each, however often they are used
            assertEquals(2, task.encoderCalls());
            task.close();
            TrainingRun run = train(model, config, home);
            double[] fl = firstAndLast(run.losses(), 4);
            assertTrue(fl[1] < fl[0], "loss " + Arrays.toString(run.losses()));
            assertEquals(66, run.record().trainableParams());
        }
    }

    @Test
    void runRecordHoldsConfigStepsMetricsAndCounts() throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-bert")) {
            TrainingConfig config = config(TrainingMethod.FULL, 1e-3, 2).optName("rec").build();
            TrainingRun run = train(model, config, home);
            RunRecord stored = RunStore.at(home).require("rec");
            assertEquals(run.id(), stored.id());
            assertEquals(RunStatus.COMPLETED, stored.status());
            assertEquals("full", stored.method());
            assertEquals("tiny-bert", stored.model());
            assertEquals("cpu", stored.device());
            assertEquals(8, stored.steps().size()); // 32 rows / batch 8 x 2 epochs
            assertEquals(8, stored.steps().get(7).step());
            assertEquals(64L, stored.steps().get(7).examplesSeen());
            assertTrue(stored.steps().get(3).metrics().containsKey("val_accuracy"));
            assertEquals(1e-3, stored.hyperparameters().get("lr"));
            assertEquals(8, ((Number) stored.hyperparameters().get("batch")).intValue());
            for (String split : new String[] {"train", "val", "test"}) {
                assertTrue(stored.metrics().get(split).containsKey("accuracy"), split);
                assertTrue(stored.metrics().get(split).containsKey("macro_f1"), split);
            }
            assertTrue(stored.trainSeconds() > 0);
            assertTrue(stored.examplesPerSecond() > 0);
            assertEquals(
                    stored.totalParams(),
                    stored.trainableParams() + 32 * 32 + 32 + 2 * 32 + 2 + 66 - 66);
        }
    }

    @Test
    void earlyStoppingEndsAfterPatienceEvaluationsWithoutImprovement() throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-bert")) {
            // lr so small that validation accuracy cannot improve after the first evaluation
            TrainingConfig config =
                    config(TrainingMethod.FULL, 1e-9, 20).optEvalEvery(1).optEarlyStop(2).build();
            TrainingRun run = train(model, config, home);
            assertEquals(RunStatus.COMPLETED, run.status());
            assertTrue(run.message().startsWith("stopped early at step 3"), run.message());
            assertEquals(3, run.losses().length);
        }
    }
}
