package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.eval.BaselineSettings;
import dev.tunebook.finetune.eval.EvaluationRun;
import dev.tunebook.finetune.eval.TextGenerator;
import dev.tunebook.finetune.eval.TinyReviews;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.kernel.MagicUsageException;
import dev.tunebook.kernel.MimeBundle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %baseline}, {@code %eval} and {@code %generate} on tiny-llama in a map-backed notebook.
 */
class EvaluationMagicsTest {
    @TempDir static Path dir;
    private static TinyLlamaNotebook tiny;
    private static Notebook notebook;

    @BeforeAll
    static void setUp() throws Exception {
        tiny = new TinyLlamaNotebook(dir, TinyReviews.write(dir.resolve("data")));
        notebook = tiny.notebook;
    }

    @AfterAll
    static void tearDown() {
        tiny.close();
    }

    @Test
    void baselineArgumentsBecomeSettings() {
        BaselineSettings s =
                BaselineMagic.parse(
                        MagicArguments.words(
                                "few-shot --shots 2 --seed 4 --labels \"This is bad.\" 'Good!' --split val"));
        assertEquals(2, s.shots());
        assertEquals(4, s.seed());
        assertEquals(List.of("This is bad.", "Good!"), s.labelTexts());
        assertEquals(List.of("val"), s.splits());
        assertEquals(8, BaselineMagic.parse(List.of("few-shot")).shots());
        assertEquals(
                Pooling.CLS,
                BaselineMagic.parse(MagicArguments.words("zero-shot --pooling cls")).pooling());
        assertEquals(Pooling.MEAN, BaselineMagic.parse(List.of("zero-shot")).pooling());
        assertThrows(
                MagicUsageException.class,
                () -> BaselineMagic.parse(MagicArguments.words("zero-shot --pooling max")));
        assertEquals(0, BaselineMagic.parse(List.of("zero-shot")).shots());
        assertThrows(MagicUsageException.class, () -> BaselineMagic.parse(List.of("one-shot")));
        assertThrows(
                MagicUsageException.class,
                () -> BaselineMagic.parse(MagicArguments.words("zero-shot --shots 3")));
        assertThrows(
                MagicUsageException.class,
                () -> BaselineMagic.parse(MagicArguments.words("few-shot --shots x")));
        assertThrows(
                MagicUsageException.class, () -> MagicArguments.words("zero-shot --labels \"open"));
    }

    @Test
    void baselineThenEvalOfItsRunAreBothRecorded() throws Exception {
        EvaluationRun shown =
                assertInstanceOf(
                        EvaluationRun.class,
                        new BaselineMagic().run("few-shot --shots 2 --seed 1", null, notebook));
        assertTrue(shown.toText().contains("accuracy"), shown.toText());
        RunStore store = RunStore.at(dir.resolve(".tunebook"));
        RunRecord baseline = store.require("2-shot-seed1");
        assertEquals(RunKind.BASELINE, baseline.kind());
        assertEquals("tiny-llama", baseline.model());

        new EvalMagic().run(baseline.id(), null, notebook);
        RunRecord eval = store.require("eval 2-shot-seed1");
        assertEquals(RunKind.EVAL, eval.kind());
        assertEquals(baseline.id(), eval.hyperparameters().get("source_run"));
        assertEquals(
                baseline.metrics().get("test").get("accuracy"),
                eval.metrics().get("test").get("accuracy"));
    }

    @Test
    void evalOfAModelVariable() throws Exception {
        EvaluationRun shown =
                (EvaluationRun) new EvalMagic().run("--model model --split train", null, notebook);
        assertTrue(shown.toHtml().contains("confusion matrix"));
        RunRecord eval = RunStore.at(dir.resolve(".tunebook")).require("eval model");
        assertTrue(eval.metrics().get("train").containsKey("accuracy"));
        assertTrue(eval.inference().throughputPerSecond() > 0);
        assertThrows(
                MagicUsageException.class, () -> EvalMagic.parse(List.of("run", "--model", "m")));
        assertThrows(
                MagicUsageException.class,
                () -> new EvalMagic().run("--model nothing", null, notebook));
    }

    @Test
    void generateShowsTheModelsContinuation() throws Exception {
        GenerateMagic.Options options =
                GenerateMagic.parse(
                        MagicArguments.words("--max-new-tokens 5 --temperature 0 great food"));
        assertEquals("great food", options.text());
        assertEquals(5, options.generation().maxNewTokens());
        MimeBundle shown =
                (MimeBundle)
                        new GenerateMagic().run("--max-new-tokens 5 great food", null, notebook);
        String expected =
                new TextGenerator(
                                (CausalLanguageModel) tiny.model,
                                tiny.tokenizer,
                                TextGenerator.chatFormat(tiny.tokenizer).orElseThrow())
                        .generate("great food", GenerationOptions.greedy(5));
        assertEquals(expected, shown.plainText());
        assertThrows(
                MagicUsageException.class, () -> GenerateMagic.parse(List.of("--top-p", "2", "x")));
        assertThrows(MagicUsageException.class, () -> GenerateMagic.parse(List.of("--raw")));
    }
}
