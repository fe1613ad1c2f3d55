package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompting baselines of a causal model on the real engine: tiny-llama (random weights) with a real
 * word-level tokenizer and chat template, over a small review dataset with a fixed split.
 */
class CausalBaselineTest {
    @TempDir static Path dir;
    private static CausalLanguageModel model;
    private static Tokenizer tokenizer;
    private static Dataset dataset;

    @BeforeAll
    static void load() throws Exception {
        model =
                (CausalLanguageModel)
                        LanguageModel.load(TestModels.fixtures("models/tiny-llama"), Device.cpu());
        tokenizer = WordTokenizer.write(dir.resolve("tokenizer"));
        dataset = TinyReviews.write(dir.resolve("data"));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
        model.close();
    }

    @Test
    void zeroShotScoresEachAnswerAfterTheChatPrompt() {
        LikelihoodClassifier classifier =
                (LikelihoodClassifier)
                        Baselines.classifier(
                                model, tokenizer, dataset, BaselineSettings.builder().build());
        String expected =
                "<|im_start|> system Classify the text. Answer with one word: negative or positive."
                        + " <|im_end|> <|im_start|> user good food . <|im_end|> <|im_start|> assistant ";
        assertArrayEquals(
                tokenizer.encode(expected, false).ids(), classifier.promptIds("good food ."));
        long[][] answers = classifier.answerIds();
        assertArrayEquals(new long[] {tokenizer.tokenId("negative").getAsLong()}, answers[0]);
        LabelScores scores = classifier.classify(List.of("good food .")).get(0);
        double[] direct =
                new ContinuationScorer(model).score(classifier.promptIds("good food ."), answers);
        assertArrayEquals(direct, scores.scores(), 0.0);
        assertEquals(direct[1] > direct[0] ? "positive" : "negative", scores.bestLabel());
    }

    @Test
    void fewShotPromptShowsSeededTrainExamplesOfEachLabelInTurn() {
        BaselineSettings settings = BaselineSettings.builder().optShots(2).optSeed(1).build();
        FewShotSample sample = FewShotSample.draw(dataset, "train", 2, 1);
        String prompt =
                new ClassificationPrompt(
                                dev.tunebook.finetune.prompt.PromptFormat.builder()
                                        .setTemplate(
                                                dev.tunebook.finetune.prompt.ChatTemplate.of(
                                                        "t", WordTokenizer.TEMPLATE))
                                        .build(),
                                CausalBaseline.instruction(dataset.labelNames()),
                                CausalBaseline.interleave(
                                        sample.texts(dataset),
                                        dataset.labelNames(),
                                        dataset.labelNames()))
                        .render("good food .");
        LikelihoodClassifier classifier =
                (LikelihoodClassifier) Baselines.classifier(model, tokenizer, dataset, settings);
        assertArrayEquals(
                tokenizer.encode(prompt, false).ids(), classifier.promptIds("good food ."));
        List<String> shown = sample.texts(dataset).get("negative");
        assertTrue(
                prompt.contains(
                        "user " + shown.get(0) + " <|im_end|> <|im_start|> assistant negative"));
        for (int row : sample.rows().get("positive")) {
            assertTrue(java.util.Arrays.stream(dataset.rows("train")).anyMatch(r -> r == row));
        }
        assertEquals(
                java.util.Arrays.toString(sample.rows().get("positive")),
                java.util.Arrays.toString(
                        FewShotSample.draw(dataset, "train", 2, 1).rows().get("positive")));
        assertThrows(
                IllegalArgumentException.class, () -> FewShotSample.draw(dataset, "train", 5, 0));
    }

    @Test
    void baselineIsRecordedAsARunThatRebuildsItsSettings() {
        RunStore store = RunStore.at(dir.resolve("home"));
        BaselineSettings settings = BaselineSettings.builder().optShots(2).optSeed(3).build();
        EvaluationRun run = Baselines.run(model, tokenizer, dataset, settings, store, "tiny-llama");
        RunRecord stored = store.require(run.run().id());
        assertEquals(RunKind.BASELINE, stored.kind());
        assertEquals("few-shot", stored.method());
        assertEquals("log-likelihood", stored.hyperparameters().get("scoring"));
        assertEquals(run.accuracy("test"), stored.metrics().get("test").get("accuracy"), 0.0);
        assertEquals(4, run.evaluations().get("test").predictions().rows().size());
        assertTrue(stored.inference().latencyMsP95() >= stored.inference().latencyMsP50());
        assertTrue(stored.inference().throughputPerSecond() > 0);
        assertEquals(ModelSize.tensorBytes(model), stored.inference().modelBytes());
        BaselineSettings rebuilt = BaselineSettings.fromRun(stored).build();
        assertEquals(2, rebuilt.shots());
        assertEquals(3, rebuilt.seed());
    }

    @Test
    void generatedAnswersAreParsedForTheFirstLabelWord() {
        BaselineSettings settings = BaselineSettings.builder().optGenerate(4).build();
        GenerationClassifier classifier =
                assertInstanceOf(
                        GenerationClassifier.class,
                        Baselines.classifier(model, tokenizer, dataset, settings));
        String answer = classifier.answer("great food !");
        LabelScores scores = classifier.classify(List.of("great food !")).get(0);
        int found = AnswerParser.firstLabel(answer, dataset.labelNames());
        assertEquals(found < 0 ? "" : dataset.labelNames().get(found), scores.bestLabel());
    }

    @Test
    void answerParserTakesTheEarliestWholeLabelWord() {
        List<String> words = List.of("negative", "positive");
        assertEquals(1, AnswerParser.firstLabel("Positive. Not negative", words));
        assertEquals(0, AnswerParser.firstLabel("I'd say NEGATIVE!", words));
        assertEquals(-1, AnswerParser.firstLabel("nonpositive", words));
        assertEquals(-1, AnswerParser.firstLabel("", words));
    }

    @Test
    void labelTextsOfTheWrongCountAreRefused() {
        BaselineSettings settings =
                BaselineSettings.builder().optLabelTexts(List.of("only one")).build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Baselines.classifier(model, tokenizer, dataset, settings));
        assertTrue(e.getMessage().contains("[negative, positive]"), e.getMessage());
    }
}
