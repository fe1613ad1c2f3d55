package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.train.Checkpoints;
import dev.tunebook.kernel.Interrupts;
import dev.tunebook.kernel.jshell.CellResult;
import dev.tunebook.kernel.jshell.JShellSession;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Jupyter interrupt during {@code %%finetune}, sent the way the kernel sends it (the session's
 * {@code interrupt}: the cooperative flag, the stop check and the thread's interrupt): the run
 * stops after its step as {@code interrupted}, its checkpoint and record are on disk, and the
 * notebook answers the next cell.
 */
class FinetuneInterruptTest {
    @TempDir Path dir;

    @Test
    void anInterruptedFineTuneKeepsItsCheckpointAndTheNotebookGoesOn() throws Exception {
        try (JShellSession session = JShellSession.builder().optWorkingDirectory(dir).build()) {
            openNotebook(session);
            CompletableFuture<CellResult> training =
                    CompletableFuture.supplyAsync(
                            () ->
                                    session.execute(
                                            "%%finetune --model bert --method full --epochs 500"
                                                    + " --name long\n"
                                                    + "batch: 8\nmax_length: 32\n"));
            RunStore store = RunStore.at(dir.resolve(".tunebook"));
            RunRecord running = awaitSteps(store, training);
            session.interrupt();
            CellResult result = training.get(60, TimeUnit.SECONDS);
            // an interrupted cell is an error, so that Jupyter aborts the cells queued after it
            assertEquals("Interrupted", result.error().ename(), () -> result.error().toString());

            RunRecord stopped = store.require("long");
            assertEquals(running.id(), stopped.id());
            assertEquals(RunStatus.INTERRUPTED, stopped.status());
            assertTrue(stopped.steps().size() >= 1);
            Path checkpoints = dir.resolve(".tunebook/checkpoints/" + stopped.id());
            Optional<Path> latest = new Checkpoints(checkpoints).latest();
            assertTrue(latest.isPresent(), "no checkpoint under " + checkpoints);
            assertEquals(
                    "interrupted", ok(session.execute("run.status().id()")).value().plainText());
            assertEquals("2", ok(session.execute("1 + 1")).value().plainText());
        } finally {
            Interrupts.clear();
        }
    }

    @Test
    void aStepLongerThanTheKernelsGraceIsLetFinishAndCheckpointed() throws Exception {
        // Without Interrupts.cooperate() the kernel would stop the thread after 0.5 s (Java 17)
        // or abandon it after 1.5 s (Java 20+), in the middle of this 2 s step.
        try (JShellSession session = JShellSession.builder().optWorkingDirectory(dir).build()) {
            openNotebook(session);
            SlowTraining.stepping = new CountDownLatch(1);
            CompletableFuture<CellResult> training =
                    CompletableFuture.supplyAsync(
                            () ->
                                    session.execute(
                                            "var slow = dev.tunebook.magics.SlowTraining.run("
                                                    + "bert, dataset, tokenizer, Path.of(\""
                                                    + dir.resolve(".tunebook")
                                                    + "\"));"));
            assertTrue(SlowTraining.stepping.await(120, TimeUnit.SECONDS), "no step began");
            session.interrupt();
            CellResult result = training.get(60, TimeUnit.SECONDS);
            assertEquals("Interrupted", result.error().ename(), () -> result.error().toString());
            RunRecord stopped = RunStore.at(dir.resolve(".tunebook")).require("slow");
            assertEquals(RunStatus.INTERRUPTED, stopped.status());
            assertTrue(
                    new Checkpoints(dir.resolve(".tunebook/checkpoints/" + stopped.id()))
                            .latest()
                            .isPresent());
            assertEquals("2", ok(session.execute("1 + 1")).value().plainText());
        } finally {
            Interrupts.clear();
        }
    }

    /** Defines bert (tiny-bert), tokenizer and dataset (UCI Amazon with its split). */
    private void openNotebook(JShellSession session) throws Exception {
        Path fixtures =
                Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"))
                        .toAbsolutePath();
        Path uci =
                Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                        .resolve("uci-sentiment")
                        .toAbsolutePath();
        Path tokenizer = FinetuneMagicTest.wordLevelTokenizer(dir);
        ok(
                session.execute(
                        "var bert = LanguageModel.load(Path.of(\""
                                + fixtures.resolve("models/tiny-bert")
                                + "\"), ai.djl.Device.cpu());\n"
                                + "var tokenizer = Tokenizer.load(Path.of(\""
                                + tokenizer
                                + "\"));\n"
                                + "var dataset = DatasetLoader.builder().setSource(Path.of(\""
                                + uci.resolve("amazon.jsonl")
                                + "\")).optSplitFile(Path.of(\""
                                + uci.resolve("splits.json")
                                + "\")).build().load();"));
    }

    private static CellResult ok(CellResult result) {
        assertNull(result.error(), () -> "unexpected error: " + result.error());
        return result;
    }

    /** Waits until the run named long has recorded a step (polling the store the cell writes). */
    private static RunRecord awaitSteps(RunStore store, CompletableFuture<CellResult> cell)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (cell.isDone()) {
                throw new AssertionError("the training cell ended early: " + cell.get().error());
            }
            Optional<RunRecord> run = store.get("long");
            if (run.isPresent() && !run.get().steps().isEmpty()) {
                return run.get();
            }
            Thread.sleep(50); // polls the run store; the training cell runs on its own thread
        }
        throw new AssertionError("the training cell recorded no step within 120 s");
    }
}
