package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import dev.tunebook.finetune.eval.EvaluationRun;
import dev.tunebook.finetune.eval.TinyReviews;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.finetune.tuned.FineTunedModel;
import dev.tunebook.finetune.tuned.PredictionTable;
import dev.tunebook.finetune.tuned.TinyFineTunes;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code %%finetune --name X}: X is a model in the notebook, and {@code %eval X} and {@code
 * %predict X} work on it, on another dataset, and after a restart from the run store alone.
 */
class FineTunedMagicsTest {
    private static final String TRAIN =
            "--method head --epochs 2 --batch 4 --lr 1e-2 --max-length 16 --name ";

    @TempDir static Path dir;
    private static Path base;
    private static LoadedModel model;
    private static Dataset reviews;
    private static Dataset yelp;
    private static Dataset spam;
    private static Notebook notebook;
    private static TrainingRun trained;

    @BeforeAll
    static void setUp() throws Exception {
        base = TinyFineTunes.baseModel(dir);
        model = TinyFineTunes.load(base);
        reviews = TinyReviews.write(dir.resolve("reviews"));
        yelp = dataset("yelp", "\"great service\", \"label\": \"positive\"", 6);
        spam = dataset("spam", "\"win money now\", \"label\": \"spam\"", 4);
        notebook = notebook();
        notebook.variables.put("model", model);
        new FinetuneMagic().run(TRAIN + "reviews-head", null, notebook);
        trained = (TrainingRun) notebook.variables.get("run");
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    /** A fresh notebook on the same run store, as after a kernel restart, with the datasets. */
    private static Notebook notebook() {
        Notebook fresh = new Notebook(dir);
        fresh.variables.put("dataset", reviews);
        fresh.variables.put("yelp", yelp);
        fresh.variables.put("spam", spam);
        return fresh;
    }

    /**
     * Writes a two-split dataset named {@code name}: {@code rows} rows, the last one {@code row}.
     */
    private static Dataset dataset(String name, String row, int rows) throws Exception {
        Path file = dir.resolve(name + ".jsonl");
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < rows - 1; i++) {
            lines.add(
                    i % 2 == 0
                            ? "{\"text\": \"awesome food !\", \"label\": \"positive\"}"
                            : "{\"text\": \"terrible movie\", \"label\": \"negative\"}");
        }
        lines.add("{\"text\": " + row + "}");
        Files.write(file, lines);
        return DatasetLoader.builder()
                .setSource(file)
                .optName(name)
                .optSplit(0.5, 0.0, 0.5)
                .build()
                .load();
    }

    private static RunStore store() {
        return RunStore.at(dir.resolve(".tunebook"));
    }

    @Test
    void finetuneBindsTheModelUnderItsRunName() {
        FineTunedModel bound =
                assertInstanceOf(FineTunedModel.class, notebook.variables.get("reviews_head"));
        assertEquals(trained.id(), bound.runId());
        assertEquals(List.of("negative", "positive"), bound.labels());
        assertEquals("reviews_head", FineTunedModels.variable("reviews-head"));
        assertEquals("_1st_run", FineTunedModels.variable("1st run"));
        assertEquals("final_", FineTunedModels.variable("final"));
    }

    @Test
    void evalOfAFineTuneIsLinkedToItAndSaysWhetherTheDomainShifted() throws Exception {
        new EvalMagic().run("reviews-head", null, notebook);
        RunRecord eval = store().require("eval reviews-head");
        assertEquals(RunKind.EVAL, eval.kind());
        assertEquals(trained.id(), eval.extra().get("evaluates"));
        assertEquals(false, eval.extra().get("domain_shift"));
        assertEquals("test", eval.split());
        assertEquals(
                trained.metric("test", "accuracy"),
                eval.metrics().get("test").get("accuracy"),
                1e-12);

        EvaluationRun shown =
                (EvaluationRun) new EvalMagic().run("reviews-head --data yelp", null, notebook);
        assertTrue(shown.toText().contains("accuracy"), shown.toText());
        RunRecord shifted = store().require("eval reviews-head on yelp");
        assertEquals(true, shifted.extra().get("domain_shift"));
        assertEquals("yelp", shifted.dataset());
        assertEquals("reviews", shifted.extra().get("trained_on"));

        new EvalMagic().run("--model reviews_head --split train", null, notebook);
        assertTrue(
                store().require("eval reviews-head")
                        .metrics()
                        .get("train")
                        .containsKey("accuracy"));
    }

    @Test
    void afterARestartTheStoreAloneServesEvalAndPredict() throws Exception {
        Notebook restarted = notebook();
        new EvalMagic().run("reviews-head --split test", null, restarted);
        RunRecord eval = store().require("eval reviews-head");
        assertEquals(
                trained.metric("test", "accuracy"),
                eval.metrics().get("test").get("accuracy"),
                1e-12);

        PredictionTable texts =
                (PredictionTable)
                        new PredictMagic()
                                .run("reviews-head \"great food !\" 'i hate it'", null, restarted);
        String table = texts.toText();
        assertTrue(table.contains("p(negative)") && table.contains("p(positive)"), table);
        assertTrue(table.contains("great food !") && table.contains("i hate it"), table);
        PredictionTable rows =
                (PredictionTable)
                        new PredictMagic()
                                .run("reviews-head --data yelp --rows 2", null, restarted);
        assertTrue(rows.toText().contains("gold"), rows.toText());
        assertTrue(rows.toText().contains("on yelp test"), rows.toText());
    }

    @Test
    void predictArguments() {
        PredictMagic.Options one = PredictMagic.parse("run great food here");
        assertEquals(List.of("great food here"), one.texts());
        PredictMagic.Options two = PredictMagic.parse("run \"great food\" 'bad'");
        assertEquals(List.of("great food", "bad"), two.texts());
        PredictMagic.Options data = PredictMagic.parse("run --data yelp --rows 3 --split train");
        assertEquals("yelp", data.data());
        assertEquals(3, data.rows());
        assertThrows(MagicUsageException.class, () -> PredictMagic.parse("run"));
        assertThrows(MagicUsageException.class, () -> PredictMagic.parse("--data x"));
        assertThrows(MagicUsageException.class, () -> PredictMagic.parse("run --rows 0 --data x"));
        assertThrows(MagicUsageException.class, () -> PredictMagic.parse("run --data x text"));
    }

    @Test
    void badInputIsASpecificUsageError() throws Exception {
        String unknown = usageError("no-such-run");
        assertTrue(unknown.contains("no run 'no-such-run'"), unknown);
        assertTrue(unknown.contains("known runs:") && unknown.contains("reviews-head"), unknown);

        String labels = usageError("reviews-head --data spam");
        assertTrue(labels.contains("labels only in the dataset: [spam]"), labels);

        String split = usageError("reviews-head --split dev");
        assertTrue(split.contains("--split dev: dataset reviews has no such split"), split);
        assertTrue(split.contains("[train, test]"), split);
        assertTrue(split.contains("pick one with --split NAME"), split);

        RunRecordBuilder chat = RunRecord.builder(RunKind.FINETUNE, "chat-lora").optMethod("lora");
        new RunWeights(
                        null,
                        dir.resolve("chat"),
                        "hf:org/llm",
                        null,
                        "",
                        null,
                        RunWeights.CAUSAL,
                        null)
                .writeTo(chat);
        store().create(chat.build());
        String generation = usageError("chat-lora");
        assertTrue(generation.contains("generation evaluation: see"), generation);
    }

    @Test
    void aRunWhoseWeightsWereDeletedNamesTheFolder() throws Exception {
        Notebook other = notebook();
        try (LoadedModel fresh = TinyFineTunes.load(base)) {
            other.variables.put("model", fresh);
            new FinetuneMagic().run(TRAIN + "to-delete", null, other);
        }
        Path folder = RunWeights.of(store().require("to-delete")).checkpoints();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () -> new PredictMagic().run("to-delete some text", null, notebook()));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aLaterRunOnTheSameModelMakesTheEarlierBindingStale() throws Exception {
        Notebook other = notebook();
        try (LoadedModel fresh = TinyFineTunes.load(base)) {
            other.variables.put("model", fresh);
            new FinetuneMagic().run(TRAIN + "first", null, other);
            FineTunedModel first = (FineTunedModel) other.variables.get("first");
            List<AutoCloseable> opened = new java.util.ArrayList<>();
            RunRecord record = store().require("first");
            assertEquals(first, FineTunedModels.open(other, store(), record, opened));
            assertEquals(List.of(), opened);
            new FinetuneMagic().run(TRAIN + "second", null, other);
            assertEquals(
                    record.id(), RunWeights.of(store().require("second")).baseRun(), "base_run");
            FineTunedModel reloaded = FineTunedModels.open(other, store(), record, opened);
            assertEquals(List.of(reloaded), opened, "the store's copy, not the stale binding");
            assertEquals(record.id(), reloaded.runId());
            reloaded.close();
        }
    }

    private static String usageError(String args) {
        return assertThrows(
                        MagicUsageException.class, () -> new EvalMagic().run(args, null, notebook))
                .getMessage();
    }
}
