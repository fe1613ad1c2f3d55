package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.CancellationSource;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupting a run at step j and resuming it gives the same loss at every step as a run that was
 * never interrupted: classification on tiny-bert (full) and chat-formatted causal LM on tiny-gpt2
 * with LoRA dropout 0.1, whose dropout masks come from the per-step seed.
 */
class ResumeTest {
    private static TrainingData classification;
    private static TrainingData chat;
    @TempDir Path home;

    @BeforeAll
    static void tokenise(@TempDir Path dir) throws IOException {
        Dataset amazon = TrainerFixtures.amazon();
        ChatPrompt prompt = TrainerFixtures.reviewPrompt();
        try (Tokenizer tokenizer = TrainerFixtures.wordTokenizer(amazon, dir)) {
            classification =
                    TrainerFixtures.slice(TrainingData.of(amazon, tokenizer, null, 32), 24, 8, 8);
            chat = TrainerFixtures.slice(TrainingData.of(amazon, tokenizer, prompt, 48), 24, 8, 8);
        }
    }

    /** What the runs poll; a test cancels it from a listener, as the user's interrupt would. */
    private CancellationSource cancellation = new CancellationSource();

    private TrainingRun train(
            String model, TrainingData data, TrainingConfig config, TrainingListener listener)
            throws IOException {
        try (LanguageModel m = TrainerFixtures.model(model)) {
            return Trainer.builder()
                    .setModel(m)
                    .setData(data)
                    .optConfig(config)
                    .optRunStore(RunStore.at(home))
                    .optListener(listener)
                    .optCancellation(cancellation)
                    .optLiveDisplay(false)
                    .optOutput(new PrintStream(new ByteArrayOutputStream()))
                    .build()
                    .run();
        }
    }

    @Test
    void theKernelsInterruptAlsoSetsTheThreadFlagAndTheCheckpointIsStillWritten()
            throws IOException {
        // The kernel's interrupt cancels the token and interrupts the cell's thread; with the flag
        // set, a FileChannel opened on that thread closes itself (ClosedByInterruptException).
        TrainingConfig config =
                TrainerClassificationTest.config(TrainingMethod.FULL, 1e-3, 2).build();
        TrainingRun stopped =
                train(
                        "tiny-bert",
                        classification,
                        config,
                        r -> {
                            if (r.step() == 1) {
                                cancellation.cancel();
                                Thread.currentThread().interrupt();
                            }
                        });
        boolean flagLeft = Thread.interrupted();
        assertEquals(RunStatus.INTERRUPTED, stopped.status(), stopped.message());
        assertTrue(new Checkpoints(stopped.checkpoints()).latest().isPresent());
        assertEquals(RunStatus.INTERRUPTED, RunStore.at(home).require(stopped.id()).status());
        assertTrue(flagLeft, "the thread's interrupt flag is the kernel's to clear");
    }

    private void checkResumeEquality(String model, TrainingData data, TrainingConfig config)
            throws IOException {
        TrainingRun whole = train(model, data, config, r -> {});
        int total = whole.losses().length;
        TrainingRun stopped =
                train(
                        model,
                        data,
                        config.toBuilder().optName("stopped").build(),
                        r -> {
                            if (r.step() == 2) {
                                cancellation.cancel();
                            }
                        });
        assertEquals(RunStatus.INTERRUPTED, stopped.status(), stopped.message());
        assertEquals(3, stopped.losses().length);
        assertTrue(stopped.message().contains("--resume " + stopped.id()), stopped.message());
        assertTrue(new Checkpoints(stopped.checkpoints()).latest().isPresent());
        assertEquals(RunStatus.INTERRUPTED, RunStore.at(home).require(stopped.id()).status());
        cancellation = new CancellationSource();

        TrainingRun resumed =
                train(model, data, config.toBuilder().optResume(stopped.id()).build(), r -> {});
        assertEquals(RunStatus.COMPLETED, resumed.status(), resumed.message());
        assertEquals(stopped.id(), resumed.id());
        double[] expected = whole.losses();
        double[] actual = resumed.losses();
        assertEquals(total, actual.length);
        for (int i = 0; i < total; i++) {
            assertEquals(expected[i], actual[i], 1e-6, "loss of step " + (i + 1));
        }
    }

    @Test
    void classificationResumesExactly() throws IOException {
        TrainingConfig config =
                TrainingConfig.builder()
                        .optMethod(TrainingMethod.FULL)
                        .optLr(1e-3)
                        .optEpochs(2)
                        .optBatch(8)
                        .optWarmup(0.2)
                        .optSeed(3)
                        .build();
        checkResumeEquality("tiny-bert", classification, config);
    }

    @Test
    void loraWithDropoutResumesExactly() throws IOException {
        TrainingConfig config =
                TrainingConfig.builder()
                        .optMethod(TrainingMethod.LORA)
                        .optRank(4)
                        .optDropout(0.1)
                        .optLr(1e-2)
                        .optEpochs(2)
                        .optBatch(4)
                        .optAccumulate(2)
                        .optSchedule(ScheduleKind.COSINE)
                        .optSeed(5)
                        .build();
        checkResumeEquality("tiny-gpt2", chat, config);
        TrainingRun noDropout =
                train("tiny-gpt2", chat, config.toBuilder().optDropout(0).build(), r -> {});
        TrainingRun withDropout = train("tiny-gpt2", chat, config, r -> {});
        assertNotEquals(noDropout.losses()[3], withDropout.losses()[3], "dropout had no effect");
    }

    @Test
    void nanLossFailsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        TrainingConfig config =
                TrainingConfig.builder()
                        .optLr(1e30)
                        .optClip(0)
                        .optEpochs(3)
                        .optBatch(8)
                        .optEvalEvery(1)
                        .optSchedule(ScheduleKind.CONSTANT)
                        // step 1 runs at rate 0 and is saved; the next one diverges
                        .optWarmup(0.5)
                        .build();
        TrainingRun run = train("tiny-bert", classification, config, r -> {});
        assertEquals(RunStatus.FAILED, run.status(), run.message());
        assertTrue(run.message().contains("diverged"), run.message());
        int failedAt = run.losses().length + 1;
        assertTrue(run.message().contains("at step " + failedAt), run.message());
        assertTrue(RunStore.at(home).require(run.id()).error().contains("step " + failedAt));
        Path last = new Checkpoints(run.checkpoints()).latest().orElseThrow();
        CheckpointState state = Checkpoints.state(last);
        assertEquals(failedAt - 1, state.step());
        assertTrue(Files.size(last.resolve(TrainableArrays.FILE)) > 0);
        assertTrue(Files.size(last.resolve(Checkpoints.OPTIMIZER)) > 0);
    }
}
