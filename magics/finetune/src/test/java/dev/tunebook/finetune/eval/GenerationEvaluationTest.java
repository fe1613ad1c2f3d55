package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.prompt.LossMask;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.tokenize.TokenizedText;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation evaluation on the real engine: tiny-llama (random weights, so the text is noise) with
 * a word-level tokenizer and chat template; every metric is checked against an independent
 * computation from the outputs.
 */
class GenerationEvaluationTest {
    @TempDir static Path dir;
    private static CausalLanguageModel model;
    private static Tokenizer tokenizer;
    private static Dataset dataset;
    private static PromptFormat format;

    @BeforeAll
    static void load() throws Exception {
        model =
                (CausalLanguageModel)
                        LanguageModel.load(TestModels.fixtures("models/tiny-llama"), Device.cpu());
        tokenizer = WordTokenizer.write(dir.resolve("tokenizer"));
        dataset = TinyInstructions.write(dir.resolve("data"));
        format = TextGenerator.chatFormat(tokenizer).orElseThrow();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
        model.close();
    }

    private static List<GenerationExample> examples(int shots) {
        return GenerationExamples.builder()
                .setDataset(dataset)
                .setSplit("test")
                .setFormat(format)
                .optShots(shots)
                .optSeed(3)
                .build();
    }

    @Test
    void instructionRowsBecomeUserTurnsWithTheOutputAsReference() {
        List<GenerationExample> examples = examples(0);
        assertEquals(3, examples.size());
        GenerationExample first = examples.get(0);
        assertEquals("5", first.id());
        assertEquals("classify the text\n\ngood food .", first.input());
        assertEquals("positive", first.reference());
        assertEquals(
                "<|im_start|> user classify the text\n\ngood food . <|im_end|> <|im_start|> assistant ",
                first.prompt());
    }

    @Test
    void chatRowsAndPromptsNameTheirOwnReference() throws Exception {
        Path chat = dir.resolve("chat");
        java.nio.file.Files.createDirectories(chat);
        java.nio.file.Files.write(
                chat.resolve("talk.jsonl"),
                List.of(
                        "{\"messages\": [{\"role\": \"system\", \"content\": \"classify the"
                                + " text\"}, {\"role\": \"user\", \"content\": \"good food\"},"
                                + " {\"role\": \"assistant\", \"content\": \"positive\"}]}"));
        Dataset talk =
                dev.tunebook.finetune.data.DatasetLoader.builder()
                        .setSource(chat.resolve("talk.jsonl"))
                        .optSplit(0.0, 0.0, 1.0)
                        .build()
                        .load();
        GenerationExample e =
                GenerationExamples.builder()
                        .setDataset(talk)
                        .setSplit("test")
                        .setFormat(format)
                        .build()
                        .get(0);
        assertEquals("positive", e.reference());
        assertEquals(
                "<|im_start|> system classify the text <|im_end|> <|im_start|> user good food"
                        + " <|im_end|> <|im_start|> assistant ",
                e.prompt());

        GenerationExample prompted =
                GenerationExamples.builder()
                        .setDataset(dataset)
                        .setSplit("test")
                        .setFormat(format)
                        .optPrompt(
                                dev.tunebook.finetune.prompt.PromptSpec.parse(
                                        "user: review : {input}\nassistant: {output}"))
                        .build()
                        .get(0);
        assertEquals("review : good food .", prompted.input());
        assertEquals("positive", prompted.reference());
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                GenerationExamples.builder()
                                        .setDataset(dataset)
                                        .setSplit("test")
                                        .setFormat(format)
                                        .optPrompt(
                                                dev.tunebook.finetune.prompt.PromptSpec.parse(
                                                        "user: {package}\nassistant: {synopsis}"))
                                        .build());
        assertTrue(
                missing.getMessage().contains("{package} matches no column"), missing.getMessage());
    }

    @Test
    void fewShotShowsSeededTrainRowsBeforeTheQuestion() {
        String prompt = examples(2).get(0).prompt();
        assertEquals(3, prompt.split("<\\|im_start\\|> user", -1).length - 1, prompt);
        assertEquals(2, prompt.split("<\\|im_start\\|> assistant \\S", -1).length - 1, prompt);
        assertTrue(prompt.endsWith("good food . <|im_end|> <|im_start|> assistant "), prompt);
        assertEquals(prompt, examples(2).get(0).prompt(), "the draw is seeded");
    }

    @Test
    void metricsFollowFromTheOutputs() {
        GenerationEvaluation evaluation =
                GenerationEvaluation.builder()
                        .setModel(model)
                        .setTokenizer(tokenizer)
                        .setExamples(examples(0))
                        .optOptions(GenerationOptions.greedy(6))
                        .optBatchSize(2)
                        .build();
        List<String> stages = new ArrayList<>();
        GenerationReport report =
                evaluation.evaluate(
                        (stage, done, total) -> stages.add(stage + " " + done + "/" + total));
        assertEquals(
                List.of(
                        "scoring references 1/2",
                        "scoring references 2/2",
                        "generating 1/2",
                        "generating 2/2"),
                stages);
        List<GenerationOutput> outputs = report.outputs();
        assertEquals(3, outputs.size());
        double rougeL = 0;
        double prompt = 0;
        for (GenerationOutput o : outputs) {
            assertEquals(RougeScores.of(o.reference(), o.output()), o.rouge());
            assertTrue(o.outputTokens() <= 6);
            rougeL += o.rouge().rougeL().fmeasure();
            prompt += tokenizer.encode(examples(0).get(outputs.indexOf(o)).prompt(), false).size();
        }
        assertEquals(rougeL / 3, report.metrics().get("rougeL"), 1e-12);
        assertEquals(prompt / 3, report.metrics().get("prompt_tokens"), 1e-12);
        assertEquals(3.0, report.metrics().get("examples"));
        // Its speed, measured over batches of 2: requests answered per second, no batch-1 latency.
        assertTrue(
                report.inference().throughputPerSecond() > 0, String.valueOf(report.inference()));
        assertEquals(null, report.inference().latencyMsP50());
        // Priced by the CPU time of a request answered alone on one engine thread.
        assertTrue(report.inference().cpuMsPerExample() > 0, String.valueOf(report.inference()));
        assertEquals(Runtime.getRuntime().availableProcessors(), report.inference().cpuCores());
        // Greedy decoding in batches gives what one prompt at a time gives.
        TextGenerator generator = new TextGenerator(model, tokenizer, format);
        String alone =
                generator.generate(
                        outputs.get(2).input(),
                        GenerationOptions.builder()
                                .optMaxNewTokens(6)
                                .optEosTokenIds(evaluation.options().eosTokenIds())
                                .build());
        assertEquals(alone.strip(), outputs.get(2).output());
        assertEquals("greedy", evaluation.settings().get("decoding"));
        assertEquals(List.of(2L), evaluation.settings().get("eos_token_ids"));
        assertTrue(
                report.toHtml().contains("<th>reference</th>")
                        || report.toHtml().contains("reference"));
    }

    @Test
    void referencePerplexityIsTheLikelihoodOfTheAnswerAfterItsPrompt() {
        List<GenerationExample> examples = examples(0);
        GenerationReport report =
                GenerationEvaluation.builder()
                        .setModel(model)
                        .setTokenizer(tokenizer)
                        .setExamples(examples)
                        .optOptions(GenerationOptions.greedy(1))
                        .optBatchSize(3)
                        .build()
                        .evaluate(GenerationProgress.NONE);
        double nll = 0;
        long tokens = 0;
        ContinuationScorer scorer = new ContinuationScorer(model);
        for (GenerationExample e : examples) {
            TokenizedText text = tokenizer.encode(e.rendering().trainingText(), false);
            boolean[] scored =
                    LossMask.trainedTokens(text.offsets(), e.referenceSpanInCodePoints());
            int from = 0;
            while (!scored[from]) {
                from++;
            }
            int to = from;
            while (to < scored.length && scored[to]) {
                to++;
            }
            long[] prompt = Arrays.copyOf(text.ids(), from);
            assertArrayEquals(tokenizer.encode(e.prompt(), false).ids(), prompt);
            nll -= scorer.score(prompt, new long[][] {Arrays.copyOfRange(text.ids(), from, to)})[0];
            tokens += to - from;
        }
        double expected = Math.exp(nll / tokens);
        assertEquals(expected, report.metrics().get("reference_perplexity"), expected * 1e-4);
    }

    @Test
    void badInputNamesTheProblem() throws Exception {
        IllegalArgumentException column =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                GenerationExamples.builder()
                                        .setDataset(dataset)
                                        .setSplit("test")
                                        .setFormat(format)
                                        .optReferenceColumn("synopsis")
                                        .build());
        assertTrue(column.getMessage().contains("no column 'synopsis'"), column.getMessage());
        assertTrue(column.getMessage().contains("instruction, input, output"), column.getMessage());

        Dataset blank =
                TinyInstructions.write(
                        dir.resolve("blank"),
                        new String[][] {
                            {"a", "x", "b"}, {"a", "x", "b"}, {"a", "x", "b"}, {"a", "x", "b"},
                            {"a", "x", "b"}, {"a", "x", "b"}, {"a", "", "b"}, {"a", "x", "b"}
                        });
        IllegalArgumentException empty =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                GenerationExamples.builder()
                                        .setDataset(blank)
                                        .setSplit("test")
                                        .setFormat(format)
                                        .optReferenceColumn("input")
                                        .build());
        assertTrue(
                empty.getMessage().startsWith("split test, row 6 (tasks.jsonl line 7)"),
                empty.getMessage());
        assertTrue(empty.getMessage().contains("empty reference"), empty.getMessage());

        IllegalArgumentException context =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                GenerationEvaluation.builder()
                                        .setModel(model)
                                        .setTokenizer(tokenizer)
                                        .setExamples(examples(0))
                                        .optOptions(GenerationOptions.greedy(60))
                                        .build());
        assertTrue(
                context.getMessage().contains("exceeds the model's context of 64 tokens"),
                context.getMessage());

        IllegalArgumentException shots =
                assertThrows(IllegalArgumentException.class, () -> examples(9));
        assertTrue(shots.getMessage().contains("9 shots"), shots.getMessage());
    }

    @Test
    void aForeignTokenizerIsRefusedBeforeGenerating() throws Exception {
        try (Tokenizer qwen = Tokenizer.load(TestModels.fixtures("tokenizers/qwen3"))) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    GenerationEvaluation.builder()
                                            .setModel(model)
                                            .setTokenizer(qwen)
                                            .setExamples(examples(0))
                                            .build());
            assertTrue(
                    e.getMessage().contains("outside the model's vocabulary of 1000"),
                    e.getMessage());
        }
    }
}
