package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.eval.TinyReviews;
import dev.tunebook.finetune.eval.WordTokenizer;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.train.Rerun;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %save}, {@code %model load} of what it wrote, and {@code %rerun}, on tiny-bert and twelve
 * reviews, as a notebook runs them.
 */
class SaveRerunMagicsTest {
    @TempDir static Path dir;
    private static Notebook notebook;
    private static RunStore store;

    @BeforeAll
    static void trainLora() throws Exception {
        Path fixtures = Path.of(System.getProperty("tunebook.fixtures", "../fixtures"));
        Path base = dir.resolve("tiny-bert");
        Files.createDirectories(base);
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(
                    fixtures.resolve("models/tiny-bert").resolve(file),
                    base.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        WordTokenizer.write(base).close();
        notebook = new Notebook(dir);
        notebook.variables.put("dataset", TinyReviews.write(dir.resolve("data")));
        new ModelMagic().run("load tiny-bert --device cpu", null, notebook);
        new FinetuneMagic()
                .run("--method lora --epochs 1 --batch 4 --rank 4 --name lora-run", null, notebook);
        store = RunStore.at(dir.resolve(".tunebook"));
    }

    @AfterAll
    static void close() {
        notebook.variables.values().stream()
                .filter(LoadedModel.class::isInstance)
                .forEach(m -> ((LoadedModel) m).close());
    }

    @Test
    void savedFoldersLoadBackWithTheSameLogits() throws Exception {
        String merged = (String) new SaveMagic().run("lora-run merged --merged", null, notebook);
        assertTrue(merged.contains("as a transformers model"), merged);
        assertTrue(merged.contains("model.safetensors"), merged);
        String adapter = (String) new SaveMagic().run("run adapter", null, notebook);
        assertTrue(adapter.contains("as a PEFT adapter"), adapter);
        assertTrue(adapter.contains("adapter_model.safetensors"), adapter);

        new ModelMagic().run("load merged --name fromMerged --device cpu", null, notebook);
        new ModelMagic().run("load adapter --name fromAdapter --device cpu", null, notebook);
        float[] a = logits((LoadedModel) notebook.variables.get("fromMerged"));
        float[] b = logits((LoadedModel) notebook.variables.get("fromAdapter"));
        assertEquals(2, a.length);
        assertArrayEquals(a, b, 1e-5f);
    }

    @Test
    void savingOverAFolderThatHoldsFilesNeedsOverwrite() throws Exception {
        Files.createDirectories(dir.resolve("taken"));
        Files.writeString(dir.resolve("taken/keep.txt"), "x");
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () -> new SaveMagic().run("lora-run taken --merged", null, notebook));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("taken/keep.txt")));
        new SaveMagic().run("lora-run taken --merged --overwrite", null, notebook);
        assertTrue(Files.exists(dir.resolve("taken/config.json")));
        assertTrue(Files.notExists(dir.resolve("taken/keep.txt")));
    }

    @Test
    void anUnknownRunOrOneWhoseWeightsWereDeletedIsNamed() throws Exception {
        MagicUsageException unknown =
                assertThrows(
                        MagicUsageException.class,
                        () -> new SaveMagic().run("no-such-run out", null, notebook));
        assertTrue(unknown.getMessage().contains("no run 'no-such-run'"), unknown.getMessage());

        new FinetuneMagic()
                .run(
                        "--method head --epochs 1 --batch 4 --name doomed --bind doomed",
                        null,
                        notebook);
        TrainingRun doomed = (TrainingRun) notebook.variables.get("doomed");
        try (Stream<Path> files = Files.walk(doomed.checkpoints())) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        MagicUsageException gone =
                assertThrows(
                        MagicUsageException.class,
                        () -> new SaveMagic().run("doomed out", null, notebook));
        assertTrue(gone.getMessage().contains("does not exist"), gone.getMessage());
        assertTrue(gone.getMessage().contains(doomed.checkpoints().toString()), gone.getMessage());
    }

    @Test
    void rerunTrainsTheRecipeOnAnotherModelAndLinksTheRuns() throws Exception {
        new ModelMagic().run("load tiny-bert --name other --device cpu", null, notebook);
        Object shown =
                new RerunMagic()
                        .run(
                                "lora-run --model other --name again --bind again lr=5e-3",
                                null,
                                notebook);
        TrainingRun again = assertInstanceOf(TrainingRun.class, notebook.variables.get("again"));
        assertEquals(shown, again);
        assertEquals(RunStatus.COMPLETED, again.status(), again.message());
        RunRecord original = store.require("lora-run");
        RunRecord stored = store.require("again");
        assertEquals(original.id(), stored.extra().get(Rerun.RERUN_OF));
        assertEquals(5e-3, stored.hyperparameters().get("lr"));
        assertEquals(original.hyperparameters().get("seed"), stored.hyperparameters().get("seed"));
        assertEquals(original.hyperparameters().get("rank"), stored.hyperparameters().get("rank"));
        assertEquals("lora", stored.method());
    }

    @Test
    void rerunOntoAnArchitectureWithoutTheRecipesTargetsIsRefused() {
        store.create(
                RunRecord.builder(RunKind.FINETUNE, "llama-lora")
                        .optMethod("lora")
                        .putHyperparameter("targets", List.of("q_proj", "o_proj"))
                        .build());
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () -> new RerunMagic().run("llama-lora --model model", null, notebook));
        assertTrue(e.getMessage().contains("o_proj (attention output)"), e.getMessage());
        assertTrue(e.getMessage().contains("targets="), e.getMessage());
    }

    @Test
    void rerunOverridesGoThroughFinetunesOptionParser() {
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () ->
                                new RerunMagic()
                                        .run(
                                                "lora-run --model model learning_rate=fast",
                                                null,
                                                notebook));
        assertEquals("lr: 'fast' is not a number", e.getMessage());
        e =
                assertThrows(
                        MagicUsageException.class,
                        () ->
                                new RerunMagic()
                                        .run("lora-run --model model colour=red", null, notebook));
        assertEquals(
                "colour: unknown option; expected one of "
                        + String.join(", ", TrainingConfigOptions.NAMES),
                e.getMessage());
    }

    private static float[] logits(LoadedModel model) {
        long[] ids = model.tokenizer().encode("great food !").ids();
        try (var scope = model.model().manager().newSubManager()) {
            NDArray input = scope.create(new long[][] {ids});
            return model.model().forward(input, input.onesLike()).toFloatArray();
        }
    }
}
