package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.cost.CostEstimate;
import dev.tunebook.finetune.cost.CostTable;
import dev.tunebook.finetune.eval.GenerationRun;
import dev.tunebook.finetune.eval.TinyInstructions;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.kernel.MagicUsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %baseline} and {@code %eval} on instruction data: tiny-llama (random weights) with a
 * word-level tokenizer in a map-backed notebook; the runs and what bad input leaves behind.
 */
class GenerationMagicsTest {
    @TempDir static Path dir;
    private static TinyLlamaNotebook tiny;
    private static Notebook notebook;
    private static RunStore store;

    @BeforeAll
    static void setUp() throws Exception {
        tiny = new TinyLlamaNotebook(dir, TinyInstructions.write(dir.resolve("data")));
        notebook = tiny.notebook;
        store = RunStore.at(dir.resolve(".tunebook"));
    }

    @AfterAll
    static void tearDown() {
        tiny.close();
    }

    @Test
    void baselinesRecordGenerationMetricsAndTheirPromptLength() throws Exception {
        GenerationRun shown =
                (GenerationRun)
                        new BaselineMagic().run("zero-shot --max-new-tokens 4", null, notebook);
        assertTrue(shown.toText().contains("rougeL"), shown.toText());
        assertTrue(shown.toText().contains("decoding: decoding=greedy"), shown.toText());
        RunRecord zero = store.require("zero-shot");
        assertEquals(RunKind.BASELINE, zero.kind());
        assertEquals("zero-shot", zero.method());
        assertEquals("tiny-llama", zero.model());
        assertEquals(4, zero.hyperparameters().get("max_new_tokens"));
        assertEquals("greedy", zero.hyperparameters().get("decoding"));
        Map<String, Double> metrics = zero.metrics().get("test");
        for (String name :
                List.of(
                        "rouge1",
                        "rouge2",
                        "rougeL",
                        "exact_match",
                        "reference_perplexity",
                        "output_tokens",
                        "prompt_tokens")) {
            assertTrue(metrics.containsKey(name), name + " in " + metrics);
        }
        assertTrue(metrics.get("output_tokens") <= 4);
        List<?> generations = (List<?>) zero.extra().get("generations");
        assertEquals(3, generations.size());

        new BaselineMagic().run("few-shot --shots 2 --seed 1 --max-new-tokens 2", null, notebook);
        RunRecord few = store.require("2-shot-seed1");
        assertEquals(2, few.hyperparameters().get("shots"));
        assertEquals(
                List.of(
                        "shots",
                        "seed",
                        "template",
                        "decoding",
                        "max_new_tokens",
                        "eos_token_ids",
                        "batch_size"),
                List.copyOf(few.hyperparameters().keySet()),
                "the run file keeps its fields and their order");
        assertTrue(
                few.metrics().get("test").get("prompt_tokens") > metrics.get("prompt_tokens"),
                "shots lengthen the prompt");
    }

    @Test
    void namedBaselinesStayApartAndCostPricesTheRunsNamed() throws Exception {
        new BaselineMagic().run("zero-shot --max-new-tokens 2 --name task-a", null, notebook);
        new BaselineMagic().run("zero-shot --max-new-tokens 3 --name task-b", null, notebook);
        assertEquals(2, store.require("task-a").hyperparameters().get("max_new_tokens"));
        assertEquals(3, store.require("task-b").hyperparameters().get("max_new_tokens"));
        assertEquals(
                "sst", BaselineMagic.parse(MagicArguments.words("zero-shot --name sst")).runName());

        CostTable one = (CostTable) new CostMagic().run("task-a", null, notebook);
        assertEquals(List.of("task-a"), one.rows().stream().map(CostEstimate::runName).toList());
        CostTable two = (CostTable) new CostMagic().run("task-b task-a", null, notebook);
        assertEquals(
                List.of("task-b", "task-a"),
                two.rows().stream().map(CostEstimate::runName).toList());

        assertEquals("rougeL", two.metric(), "generation runs headline ROUGE-L");
        CostTable exact =
                (CostTable)
                        new CostMagic().run("task-a task-b --metric exact_match", null, notebook);
        assertEquals("exact_match", exact.metric());
        assertEquals(
                store.require("task-a").metrics().get("test").get("exact_match"),
                exact.rows().get(0).accuracy());
        assertTrue(exact.toText().contains("(exact_match "), exact.toText());
        MagicUsageException noSuchMetric =
                assertThrows(
                        MagicUsageException.class,
                        () -> new CostMagic().run("task-a --metric bleu", null, notebook));
        assertTrue(
                noSuchMetric.getMessage().contains("they have exact_match"),
                noSuchMetric.getMessage());

        MagicUsageException unknown =
                assertThrows(
                        MagicUsageException.class,
                        () -> new CostMagic().run("task-a nope", null, notebook));
        assertTrue(unknown.getMessage().contains("no run 'nope'"), unknown.getMessage());
        MagicUsageException both =
                assertThrows(
                        MagicUsageException.class,
                        () -> new CostMagic().run("task-a --all", null, notebook));
        assertTrue(both.getMessage().contains("--all"), both.getMessage());
        MagicUsageException onEval =
                assertThrows(
                        MagicUsageException.class,
                        () -> new EvalMagic().run("--name x", null, notebook));
        assertTrue(onEval.getMessage().contains("--name"), onEval.getMessage());
    }

    @Test
    void evalOfAModelAndOfAFineTuneRunsFolder() throws Exception {
        new EvalMagic().run("--model model --max-new-tokens 3 --limit 2", null, notebook);
        RunRecord eval = store.require("eval model");
        assertEquals(RunKind.EVAL, eval.kind());
        assertEquals(2.0, eval.metrics().get("test").get("examples"));
        assertEquals(2, eval.hyperparameters().get("limit"));

        RunRecord finetune =
                store.create(
                        RunRecord.builder(RunKind.FINETUNE, "tuned")
                                .optModel("tiny-llama")
                                .putHyperparameter(
                                        "output_dir",
                                        TestModels.fixtures("models/tiny-llama").toString())
                                .build());
        new EvalMagic().run("tuned --max-new-tokens 3", null, notebook);
        RunRecord ofRun = store.require("eval tuned");
        assertEquals(finetune.id(), ofRun.hyperparameters().get("source_run"));
        // The saved weights are the notebook model's, so the scores are too.
        new EvalMagic().run("--model model --max-new-tokens 3", null, notebook);
        // Two runs are named "eval model" (ids may share their second): take the one of every row.
        RunRecord whole =
                store.list().runs().stream()
                        .filter(r -> r.name().equals("eval model"))
                        .filter(
                                r ->
                                        !r.hyperparameters().containsKey("limit")
                                                || ((Number) r.hyperparameters().get("limit"))
                                                                .intValue()
                                                        == 0)
                        .findFirst()
                        .orElseThrow();
        assertEquals(whole.metrics().get("test"), ofRun.metrics().get("test"));
    }

    @Test
    void anEvaluationThroughAnotherModelsTemplateWarnsAndIsRecorded() throws Exception {
        // the tiny model, in a folder whose tokenizer_config.json gives it Qwen3's ChatML template
        Path folder = dir.resolve("chatml-model");
        Files.createDirectories(folder);
        Files.copy(
                TestModels.fixtures("tokenizers/qwen3").resolve("tokenizer_config.json"),
                folder.resolve("tokenizer_config.json"));
        notebook.variables.put(
                "chatmlModel", LoadedModel.of("tiny-llama", folder, tiny.model, tiny.tokenizer, 0));
        Object shared = notebook.variables.put("model", notebook.lookup("chatmlModel"));
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            for (String template : List.of("llama2", "model")) {
                new PromptMagic(new NotebookVariables())
                        .run(
                                "--template " + template + " --name " + template + "Prompt",
                                "user: {instruction} {input}\nassistant: {output}",
                                notebook);
            }
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            new EvalMagic()
                    .run(
                            "--model chatmlModel --prompt llama2Prompt --max-new-tokens 2"
                                    + " --limit 2",
                            null,
                            notebook);
            new EvalMagic()
                    .run(
                            "--model chatmlModel --prompt modelPrompt --max-new-tokens 2"
                                    + " --limit 2",
                            null,
                            notebook);
        } finally {
            System.setErr(err);
            notebook.variables.put("model", shared);
            notebook.variables.remove("chatmlModel");
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("warning: this prompt uses chat template 'llama2'"), text);
        List<RunRecord> evals =
                store.list().runs().stream()
                        .filter(r -> r.name().equals("eval chatmlModel"))
                        .toList();
        assertEquals(2, evals.size(), evals.toString());
        assertEquals(
                1,
                evals.stream().filter(r -> r.extra().containsKey("prompt_format_mismatch")).count(),
                "only the evaluation through Llama 2's template records a mismatch");
    }

    @Test
    void evalOfAModelAFineTuneTrainedInPlaceMeasuresThatFineTune() throws Exception {
        try (LanguageModel tuned =
                LanguageModel.load(TestModels.fixtures("models/tiny-llama"), Device.cpu())) {
            notebook.variables.put(
                    "tunedInPlace",
                    LoadedModel.of(
                            "tiny-llama",
                            TestModels.fixtures("models/tiny-llama"),
                            tuned,
                            tiny.tokenizer,
                            0));
            // %%prompt checks the format against the notebook's model
            Object shared = notebook.variables.put("model", notebook.lookup("tunedInPlace"));
            try {
                new PromptMagic(new NotebookVariables())
                        .run(
                                "--template chatml --name inPlacePrompt",
                                "user: {instruction} {input}\nassistant: {output}",
                                notebook);
            } finally {
                notebook.variables.put("model", shared);
            }
            new FinetuneMagic()
                    .run(
                            "--model tunedInPlace --prompt inPlacePrompt --method lora --epochs 1"
                                    + " --batch 4 --max-length 32 --name in-place-lora",
                            "rank: 2\nseed: 0\n",
                            notebook);
            RunRecord trained = store.require("in-place-lora");
            new EvalMagic()
                    .run("--model tunedInPlace --max-new-tokens 2 --limit 2", null, notebook);
            RunRecord eval = store.require("eval in-place-lora");
            assertEquals(trained.id(), eval.hyperparameters().get("source_run"));
            assertEquals("lora", eval.method());
            assertTrue(eval.inference().throughputPerSecond() > 0, "its answers were timed");
        } finally {
            notebook.variables.remove("tunedInPlace");
            notebook.variables.remove("inPlacePrompt");
        }
    }

    @Test
    void badInputIsNamedAndRecordsNothing() throws Exception {
        int before = store.list().runs().size();
        IllegalArgumentException column =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new EvalMagic().run("--reference synopsis", null, notebook));
        assertTrue(column.getMessage().contains("no column 'synopsis'"), column.getMessage());

        Object saved =
                notebook.variables.put(
                        "model",
                        LoadedModel.load(
                                TestModels.fixtures("models/tiny-llama").toString(),
                                "cpu",
                                "float32",
                                null));
        Object savedTokenizer = notebook.variables.remove("tokenizer");
        try {
            MagicUsageException none =
                    assertThrows(
                            MagicUsageException.class,
                            () -> new BaselineMagic().run("zero-shot", null, notebook));
            assertTrue(none.getMessage().contains("has no tokenizer"), none.getMessage());
            try (Tokenizer gpt2 = Tokenizer.load(TestModels.fixtures("tokenizers/gpt2"))) {
                notebook.variables.put("tokenizer", gpt2);
                IllegalArgumentException template =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> new EvalMagic().run("", null, notebook));
                assertTrue(
                        template.getMessage().contains("has no chat template"),
                        template.getMessage());
                IllegalArgumentException baseline =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> new BaselineMagic().run("few-shot", null, notebook));
                assertTrue(
                        baseline.getMessage().contains("has no chat template"),
                        baseline.getMessage());
            }
        } finally {
            ((LoadedModel) notebook.variables.put("model", saved)).close();
            notebook.variables.put("tokenizer", savedTokenizer);
        }
        assertEquals(before, store.list().runs().size(), "nothing recorded");
    }
}
