package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints are complete when named, and a failed write leaves the previous one in force. */
class CheckpointsTest {
    @TempDir Path dir;

    private static TrainingData data() {
        List<Example> rows =
                List.of(
                        Example.classification(new int[] {2, 10, 11, 3}, 0),
                        Example.classification(new int[] {2, 12, 3}, 1));
        return TrainingData.of(Map.of("train", rows), List.of("negative", "positive"));
    }

    private static CheckpointState state(int step) {
        return new CheckpointState(
                step,
                1,
                0,
                2,
                1,
                2L * step,
                7L * step,
                step,
                null,
                0,
                0,
                TrainingConfig.builder().build().toOptions());
    }

    @Test
    void failedWriteKeepsThePreviousCheckpoint() throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-bert");
                AdamW optimizer = AdamW.builder().build()) {
            TrainingConfig config = TrainingConfig.builder().optMethod(TrainingMethod.HEAD).build();
            TrainingTask task = TrainingTasks.create(model, data(), config, new Seed(1), 0);
            Path good = new Checkpoints(dir).write(state(1), task, optimizer);
            float[] saved = task.trainable().get("classifier.weight").toFloatArray();

            Checkpoints failing =
                    new Checkpoints(
                            dir,
                            () -> {
                                throw new IOException("disk full (simulated)");
                            });
            IOException e =
                    assertThrows(IOException.class, () -> failing.write(state(2), task, optimizer));
            assertTrue(e.getMessage().contains("simulated"));

            Checkpoints reopened = new Checkpoints(dir);
            assertEquals(good, reopened.latest().orElseThrow());
            assertEquals(1, Checkpoints.state(good).step());
            for (String file :
                    List.of(TrainableArrays.FILE, Checkpoints.OPTIMIZER, Checkpoints.STATE)) {
                assertTrue(Files.isRegularFile(good.resolve(file)), file);
            }
            try (Stream<Path> children = Files.list(dir)) {
                assertFalse(
                        children.anyMatch(p -> p.getFileName().toString().startsWith(".tmp")),
                        "temporary folder left behind");
            }
            task.load(good);
            assertArrayEquals(saved, task.trainable().get("classifier.weight").toFloatArray());
            task.close();
        }
    }

    @Test
    void pruneKeepsLatestAndBest() throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-bert");
                AdamW optimizer = AdamW.builder().build()) {
            TrainingConfig config = TrainingConfig.builder().optMethod(TrainingMethod.HEAD).build();
            TrainingTask task = TrainingTasks.create(model, data(), config, new Seed(1), 0);
            Checkpoints checkpoints = new Checkpoints(dir);
            Path first = checkpoints.write(state(1), task, optimizer);
            checkpoints.markBest(first);
            Path second = checkpoints.write(state(2), task, optimizer);
            Path third = checkpoints.write(state(3), task, optimizer);
            checkpoints.prune();
            assertTrue(Files.isDirectory(first));
            assertFalse(Files.exists(second));
            assertEquals(third, checkpoints.latest().orElseThrow());
            assertEquals(first, checkpoints.best().orElseThrow());
            task.close();
        }
    }
}
