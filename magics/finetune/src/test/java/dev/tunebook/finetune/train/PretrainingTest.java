package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.CancellationSource;
import dev.tunebook.finetune.data.DocumentTemplate;
import dev.tunebook.finetune.data.PackedTokens;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LlamaShape;
import dev.tunebook.finetune.prompt.ChatTemplateLibrary;
import dev.tunebook.finetune.tokenize.BpeModel;
import dev.tunebook.finetune.tokenize.BpeTrainer;
import dev.tunebook.finetune.tokenize.ChatTokenizerConfig;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.weights.DType;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pretrains a tiny Llama on a few hundred Debian descriptions for a few steps: the loss falls, an
 * interrupted and resumed run follows the uninterrupted one, and the written folder reloads with
 * the same logits.
 */
class PretrainingTest {
    static final Path DEBIAN =
            Path.of(System.getProperty("tunebook.root", ".."))
                    .resolve("notebooks/data/debian-packages");
    static final DocumentTemplate DOCUMENT =
            new DocumentTemplate("{package} - {synopsis}\n{description}");
    static final LlamaShape TINY = new LlamaShape(384, 32, 2, 4, 2, 64, 32);

    @TempDir static Path shared;
    @TempDir Path dir;

    static List<String> train;
    static List<String> validation;
    static Path tokenizerDir;
    static BpeModel bpe;
    static Tokenizer tokenizer;

    @BeforeAll
    static void tokenizer() throws IOException {
        train = DOCUMENT.read(DEBIAN.resolve("train.jsonl")).subList(0, 300);
        validation = DOCUMENT.read(DEBIAN.resolve("val.jsonl")).subList(0, 40);
        bpe =
                BpeTrainer.builder()
                        .setVocabSize(TINY.vocabSize())
                        .optSpecialTokens(
                                List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|pad|>"))
                        .build()
                        .train(train);
        tokenizerDir = shared.resolve("tokenizer");
        Files.createDirectories(tokenizerDir);
        bpe.writeTokenizerJson(tokenizerDir.resolve("tokenizer.json"));
        new ChatTokenizerConfig(
                        "<|im_end|>",
                        "<|pad|>",
                        ChatTemplateLibrary.builtin("chatml").source(),
                        TINY.maxPositions())
                .write(tokenizerDir, bpe);
        tokenizer = Tokenizer.load(tokenizerDir);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    static PretrainingSettings settings(int steps) {
        return PretrainingSettings.builder()
                .setShape(TINY)
                .setSteps(steps)
                .optBatchSize(4)
                .optLearningRate(1e-2)
                .optWarmupSteps(Math.min(2, steps))
                .optLogEvery(3)
                .optEvalEvery(6)
                .optEvalRows(8)
                .optCheckpointEvery(4)
                .build();
    }

    static Pretraining.Builder pretraining(
            PretrainingSettings settings, Path checkpoints, List<Double> losses, PrintStream out) {
        return Pretraining.builder()
                .setSettings(settings)
                .setTokenizer(tokenizer, bpe.vocabSize())
                .setDocuments(train, validation)
                .setCheckpoints(checkpoints)
                .optListener(result -> losses.add(result.loss()))
                .optOutput(out)
                .optSamples(List.of("2ping - Ping utility\n"), 8);
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void theLossFallsAndAnInterruptedRunResumesOnTheSameTrajectory() throws IOException {
        List<Double> whole = new ArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        Path folder = dir.resolve("model");
        try (PretrainingRun run =
                pretraining(settings(12), dir.resolve("a"), whole, out).build().run()) {
            assertEquals("completed", run.status());
            assertEquals(12, whole.size());
            double first = whole.get(0);
            double last = (whole.get(9) + whole.get(10) + whole.get(11)) / 3;
            assertTrue(first > 5.5 && last < first - 0.4, "losses " + whole);
            assertEquals(12 * 4 * 32, run.tokensSeen());
            assertEquals(1, run.samples().size());
            String text = log.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("step 12/12 | epoch"), text);
            assertTrue(text.contains("validation at step 6 (val) | loss"), text);
            assertTrue(text.contains("validation at step 12 (val-all)"), text);
            PretrainedModelFolder.write(folder, run, tokenizerDir, "# tiny\n");
            assertReloadsWithTheSameLogits(folder, run);
        }

        List<Double> resumed = new ArrayList<>();
        CancellationSource stop = new CancellationSource();
        try (PretrainingRun part =
                pretraining(settings(12), dir.resolve("b"), resumed, quiet())
                        .optCancellation(stop)
                        .optListener(
                                result -> {
                                    if (result.step() == 4) {
                                        stop.cancel();
                                    }
                                })
                        .build()
                        .run()) {
            assertEquals("interrupted", part.status());
            assertEquals(5, part.steps());
            assertEquals(null, part.validation());
        }
        try (PretrainingRun rest =
                pretraining(settings(12), dir.resolve("b"), resumed, quiet()).build().run()) {
            assertEquals("completed", rest.status());
            assertEquals(12 * 4 * 32, rest.tokensSeen());
        }
        assertEquals(12, resumed.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(whole.get(i), resumed.get(i), 1e-5, "loss of step " + i);
        }
    }

    private static void assertReloadsWithTheSameLogits(Path folder, PretrainingRun run)
            throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            assertTrue(file.tensors().values().stream().allMatch(t -> t.dtype() == DType.BF16));
            assertFalse(file.tensors().containsKey("lm_head.weight"));
        }
        String generation = Files.readString(folder.resolve("generation_config.json"));
        assertTrue(generation.replaceAll("\\s", "").contains("\"eos_token_id\":[0,2]"), generation);
        try (LanguageModel loaded = LanguageModel.load(folder, Device.cpu());
                NDManager manager = NDManager.newBaseManager();
                Tokenizer reloaded = Tokenizer.load(folder)) {
            assertEquals("<|im_end|>", reloaded.eosToken().orElseThrow());
            long[] ids = reloaded.encode(validation.get(0), false).ids();
            NDArray input = manager.create(java.util.Arrays.copyOf(ids, 24)).reshape(1, 24);
            float[] expected = run.model().forward(input, null).toFloatArray();
            float[] actual = loaded.forward(input, null).toFloatArray();
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    void thePackedLossIsTheModelsCausalLoss() throws IOException {
        try (PretrainingRun run =
                        pretraining(settings(1), dir.resolve("c"), new ArrayList<>(), quiet())
                                .build()
                                .run();
                NDManager manager = NDManager.newBaseManager()) {
            CausalLanguageModel model = run.model();
            PackedTokens rows =
                    PackedTokens.pack(
                            List.of(tokenizer.encode(validation.get(1), false).ids()), 0, 16);
            NDArray ids = rows.batch(new int[] {0}, manager);
            float fast = NextTokenLoss.of(model, ids).getFloat();
            float reference = model.loss(ids, null, ids).getFloat();
            assertEquals(reference, fast, 1e-5);
        }
    }

    @Test
    void aCheckpointOfOtherSettingsIsNotResumed() throws IOException {
        try (PretrainingRun run =
                pretraining(settings(2), dir.resolve("d"), new ArrayList<>(), quiet())
                        .build()
                        .run()) {
            assertEquals("completed", run.status());
        }
        PretrainingSettings other = settings(3);
        var error =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                pretraining(other, dir.resolve("d"), new ArrayList<>(), quiet())
                                        .build()
                                        .run());
        assertTrue(error.getMessage().contains("steps 2 -> 3"), error.getMessage());
    }
}
