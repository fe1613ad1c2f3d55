package dev.tunebook.finetune.tuned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.TextGenerator;
import dev.tunebook.finetune.eval.TinyInstructions;
import dev.tunebook.finetune.eval.WordTokenizer;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.PromptSpec;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.save.ModelExport;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingData;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full fine-tune of tiny-qwen2 (tied embeddings) rebuilt from the run store alone, and saved
 * merged as transformers saves it; and what old records that name the base {@code model_source}
 * read as.
 */
class FineTunedGeneratorTest {
    @TempDir static Path dir;
    private static Path base;
    private static Tokenizer tokenizer;
    private static LanguageModel trained;
    private static TrainingRun run;

    @BeforeAll
    static void train() throws Exception {
        base = TestModels.fixtures("models/tiny-qwen2");
        tokenizer = WordTokenizer.write(dir.resolve("tok"));
        Dataset data = TinyInstructions.write(dir.resolve("data"));
        ChatPrompt prompt =
                new ChatPrompt(
                        PromptSpec.parse("user: {instruction} {input}\nassistant: {output}"),
                        TextGenerator.chatFormat(tokenizer).orElseThrow());
        trained = LanguageModel.load(base, Device.cpu());
        run =
                Trainer.builder()
                        .setModel(trained)
                        .setData(TrainingData.of(data, tokenizer, prompt, 32))
                        .setTokenizer(tokenizer)
                        .optModelSource(base.toString())
                        .optConfig(
                                TrainingConfig.builder()
                                        .optMethod(TrainingMethod.FULL)
                                        .optLr(1e-2)
                                        .optEpochs(2)
                                        .optBatch(4)
                                        .optName("qwen-full")
                                        .build())
                        .optRunStore(RunStore.at(dir.resolve("runs")))
                        .optLiveDisplay(false)
                        .optOutput(new PrintStream(new ByteArrayOutputStream()))
                        .build()
                        .run();
        assertEquals(RunStatus.COMPLETED, run.status(), run.message());
    }

    @AfterAll
    static void close() {
        trained.close();
        tokenizer.close();
    }

    @Test
    void theStoreAloneRebuildsTheTrainedModel() throws Exception {
        RunRecord stored = RunStore.at(dir.resolve("runs")).require("qwen-full");
        assertEquals(base.toString(), stored.extra().get("base_model"));
        assertFalse(stored.extra().containsKey("model_source"), "one field names the base");
        try (FineTunedGenerator again =
                        FineTunedGenerator.load(
                                RunStore.at(dir.resolve("runs")), "qwen-full", "cpu");
                LanguageModel untrained = LanguageModel.load(base, Device.cpu())) {
            assertNotNull(again.tokenizer());
            float[] expected = logits(trained);
            assertArrayEquals(expected, logits(again.model()), 1e-6f);
            assertFalse(
                    java.util.Arrays.equals(expected, logits(untrained)), "training changed it");
        }
    }

    @Test
    void aMergedSaveOfATiedModelLeavesTheHeadOutAndLoadsBack() throws Exception {
        Path folder = dir.resolve("qwen-merged");
        ModelExport.builder()
                .setRun(RunWeights.find(RunStore.at(dir.resolve("runs")), "qwen-full"))
                .setBaseFolder(base)
                .setTarget(folder)
                .optMerged(true)
                .build()
                .save();
        Set<String> keys = keys(folder.resolve("model.safetensors"));
        assertEquals(keys(base.resolve("model.safetensors")), keys);
        assertFalse(keys.contains("lm_head.weight"), keys.toString());
        JsonNode config = new ObjectMapper().readTree(folder.resolve("config.json").toFile());
        assertEquals("[\"Qwen2ForCausalLM\"]", config.get("architectures").toString());
        assertTrue(config.get("tie_word_embeddings").asBoolean(), config.toString());
        try (LanguageModel back = LanguageModel.load(folder, Device.cpu())) {
            assertArrayEquals(logits(trained), logits(back), 1e-5f);
        }
    }

    @Test
    void oldRecordsNamingTheBaseModelSourceStillRead() {
        RunRecord old = RunRecord.of(RunKind.FINETUNE, "old");
        old = old.withExtra("checkpoints", dir.resolve("old").toString());
        old = old.withExtra("model_source", "maven:g:a:1");
        RunStore store = RunStore.at(dir.resolve("old-runs"));
        store.create(old);
        assertEquals("maven:g:a:1", RunWeights.of(store.require("old")).baseModel());

        RunRecord both = RunRecord.of(RunKind.FINETUNE, "both");
        both = both.withExtra("checkpoints", dir.resolve("both").toString());
        both = both.withExtra("model_source", "maven:g:a:1");
        both = both.withExtra("base_model", "hf:org/model");
        store.create(both);
        assertEquals("hf:org/model", RunWeights.of(store.require("both")).baseModel());
    }

    @Test
    void aClassifierRunIsNoGenerator() {
        RunRecordBuilder head = RunRecord.builder(RunKind.FINETUNE, "head");
        new RunWeights(
                        null,
                        dir.resolve("head"),
                        "hf:org/model",
                        null,
                        "",
                        java.util.List.of("a", "b"),
                        RunWeights.CLASSIFICATION,
                        null)
                .writeTo(head);
        RunStore store = RunStore.at(dir.resolve("head-runs"));
        store.create(head.build());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FineTunedGenerator.load(store, "head", "cpu"));
        assertTrue(e.getMessage().contains("FineTunedModel.load"), e.getMessage());
    }

    private static float[] logits(LanguageModel model) {
        long[] ids = tokenizer.encode("classify the text great food !").ids();
        try (var scope = model.manager().newSubManager()) {
            NDArray input = scope.create(new long[][] {ids});
            return model.forward(input, input.onesLike()).toFloatArray();
        }
    }

    private static Set<String> keys(Path file) throws Exception {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return new TreeSet<>(f.tensors().keySet());
        }
    }
}
