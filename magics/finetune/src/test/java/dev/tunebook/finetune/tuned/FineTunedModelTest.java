package dev.tunebook.finetune.tuned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import dev.tunebook.finetune.eval.ModelEvaluator;
import dev.tunebook.finetune.eval.TinyReviews;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fine-tune is a value: made from the finished run it predicts what the trainer measured, and
 * loaded again from the run store alone (as after a kernel restart) it gives the same scores, for
 * every classification method; bad runs fail naming what is wrong.
 */
class FineTunedModelTest {
    private static final List<String> TEXTS =
            List.of("great food !", "terrible service .", "i love this movie", "slow and bad");

    @TempDir static Path dir;
    private static Path base;
    private static Dataset reviews;
    private static RunStore store;

    @BeforeAll
    static void setUp() throws Exception {
        base = TinyFineTunes.baseModel(dir);
        reviews = TinyReviews.write(dir.resolve("data"));
        store = RunStore.at(dir.resolve("home"));
    }

    @Test
    void fullFineTuneLoadsAgainFromTheStore() throws Exception {
        sameModelAfterRestart(TrainingMethod.FULL, "reviews-full");
    }

    @Test
    void loraFineTuneLoadsAgainFromTheStore() throws Exception {
        sameModelAfterRestart(TrainingMethod.LORA, "reviews-lora");
    }

    @Test
    void headFineTuneLoadsAgainFromTheStore() throws Exception {
        sameModelAfterRestart(TrainingMethod.HEAD, "reviews-head");
    }

    private void sameModelAfterRestart(TrainingMethod method, String name) throws Exception {
        List<TextPrediction> before;
        double measured;
        try (LoadedModel model = TinyFineTunes.load(base)) {
            TrainingRun run = TinyFineTunes.train(model, base, reviews, method, name, store);
            assertEquals(RunStatus.COMPLETED, run.status(), run.message());
            RunWeights weights = RunWeights.of(store.require(name));
            assertEquals(base.toAbsolutePath().normalize().toString(), weights.baseModel());
            assertEquals(List.of("negative", "positive"), weights.labels());
            assertEquals(RunWeights.CLASSIFICATION, weights.task());
            try (FineTunedModel tuned =
                    FineTunedModel.of(
                            run, model.model(), model.tokenizer(), reviews.labelNames())) {
                assertEquals(name, tuned.name());
                assertEquals(method.id(), tuned.method());
                measured = run.metric("test", "accuracy");
                assertEquals(
                        measured,
                        ModelEvaluator.evaluate(tuned, reviews, "test", name).accuracy(),
                        1e-12,
                        "the model predicts what the trainer measured");
                before = tuned.predict(TEXTS);
            }
        }
        try (FineTunedModel loaded = FineTunedModel.load(store, name, "cpu")) {
            assertEquals(reviews.labelNames(), loaded.labels());
            assertEquals(base.toAbsolutePath().normalize().toString(), loaded.baseModel());
            assertTrue(loaded.checkpoint().startsWith(RunWeights.of(loaded.run()).checkpoints()));
            List<TextPrediction> after = loaded.predict(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                TextPrediction p = after.get(i);
                assertEquals(before.get(i).label(), p.label(), TEXTS.get(i));
                for (String label : loaded.labels()) {
                    assertEquals(before.get(i).scoreOf(label), p.scoreOf(label), 1e-5);
                }
                double sum = p.scores().values().stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(1.0, sum, 1e-5);
                assertEquals(p.scores().get(p.label()), p.score(), 0.0);
            }
            assertEquals(
                    measured,
                    ModelEvaluator.evaluate(loaded, reviews, "test", name).accuracy(),
                    1e-12);
            PredictionTable table = PredictionTable.of(name, loaded.labels(), after);
            assertEquals(
                    List.of("text", "predicted", "p(negative)", "p(positive)"),
                    table.view()
                            .text(10)
                            .lines()
                            .findFirst()
                            .map(h -> List.of(h.trim().split("\\s+")))
                            .orElseThrow());
            assertTrue(table.toHtml().contains("great food !"));
        }
    }

    @Test
    void aRunOnAModelAnEarlierRunTrainedLoadsOnTopOfThatRun() throws Exception {
        List<TextPrediction> before;
        String first;
        try (LoadedModel model = TinyFineTunes.load(base)) {
            first =
                    TinyFineTunes.train(model, base, reviews, TrainingMethod.FULL, "chain-1", store)
                            .id();
            TrainingRun second =
                    TinyFineTunes.train(
                            model, base, reviews, TrainingMethod.HEAD, "chain-2", store, first);
            assertEquals(first, RunWeights.of(second.record()).baseRun());
            try (FineTunedModel tuned =
                    FineTunedModel.of(
                            second, model.model(), model.tokenizer(), reviews.labelNames())) {
                before = tuned.predict(TEXTS);
            }
        }
        try (FineTunedModel loaded = FineTunedModel.load(store, "chain-2", "cpu")) {
            List<TextPrediction> after = loaded.predict(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                for (String label : loaded.labels()) {
                    assertEquals(before.get(i).scoreOf(label), after.get(i).scoreOf(label), 1e-5);
                }
            }
        }
    }

    @Test
    void aRunWhoseWeightsWereDeletedNamesTheFolder() throws Exception {
        try (LoadedModel model = TinyFineTunes.load(base)) {
            TinyFineTunes.train(model, base, reviews, TrainingMethod.HEAD, "deleted", store);
        }
        Path folder = RunWeights.of(store.require("deleted")).checkpoints();
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FineTunedModel.load(store, "deleted", "cpu"));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void anUnknownRunListsTheKnownOnes() {
        RunStore runs = RunStore.at(dir.resolve("unknown"));
        runs.create(RunRecord.of(RunKind.BASELINE, "zero-shot"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FineTunedModel.load(runs, "spam-lora", "cpu"));
        assertTrue(e.getMessage().contains("no run 'spam-lora'"), e.getMessage());
        assertTrue(e.getMessage().contains("known runs: zero-shot"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FineTunedModel.load(runs, "zero-shot", "cpu"));
        assertTrue(e.getMessage().contains("is a baseline run, not a fine-tune"), e.getMessage());
    }

    @Test
    void aGenerationRunPointsToGenerationEvaluation() {
        RunStore runs = RunStore.at(dir.resolve("causal"));
        RunRecordBuilder chat = RunRecord.builder(RunKind.FINETUNE, "chat-lora").optMethod("lora");
        new RunWeights(
                        null,
                        dir.resolve("nowhere"),
                        "hf:org/llm",
                        null,
                        "",
                        null,
                        RunWeights.CAUSAL,
                        null)
                .writeTo(chat);
        runs.create(chat.build());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FineTunedModel.load(runs, "chat-lora", "cpu"));
        assertTrue(e.getMessage().contains("generation evaluation: see"), e.getMessage());
    }

    @Test
    void aDatasetWithOtherLabelsIsRefusedNamingThem() throws Exception {
        try (LoadedModel model = TinyFineTunes.load(base)) {
            TrainingRun run =
                    TinyFineTunes.train(model, base, reviews, TrainingMethod.HEAD, "labels", store);
            Path spam = dir.resolve("spam.jsonl");
            Files.write(
                    spam,
                    List.of(
                            "{\"text\": \"win money\", \"label\": \"spam\"}",
                            "{\"text\": \"see you\", \"label\": \"ham\"}",
                            "{\"text\": \"good food\", \"label\": \"positive\"}"));
            Dataset other = DatasetLoader.builder().setSource(spam).build().load();
            try (FineTunedModel tuned =
                    FineTunedModel.of(
                            run, model.model(), model.tokenizer(), reviews.labelNames())) {
                tuned.requireLabelsOf(reviews);
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class, () -> tuned.requireLabelsOf(other));
                assertTrue(
                        e.getMessage().contains("labels only in the dataset: [ham, spam]"),
                        e.getMessage());
                assertTrue(
                        e.getMessage().contains("only in the model: [negative]"), e.getMessage());
            }
        }
    }

    @Test
    void recordedFieldsSurviveTheStore() {
        RunRecordBuilder r = RunRecord.builder(RunKind.FINETUNE, "x");
        new RunWeights(
                        null,
                        dir.resolve("ck"),
                        "maven:g:a:1",
                        dir.resolve("tok.json"),
                        "query: ",
                        List.of("b", "a"),
                        RunWeights.CLASSIFICATION,
                        "20261205-000000-abcd")
                .writeTo(r);
        RunStore runs = RunStore.at(dir.resolve("fields"));
        runs.create(r.build());
        RunWeights read = RunWeights.of(runs.require("x"));
        assertEquals(
                new RunWeights(
                        read.run(),
                        dir.resolve("ck"),
                        "maven:g:a:1",
                        dir.resolve("tok.json"),
                        "query: ",
                        List.of("b", "a"),
                        RunWeights.CLASSIFICATION,
                        "20261205-000000-abcd"),
                read);
    }
}
