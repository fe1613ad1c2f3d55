package dev.tunebook.finetune.save;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.eval.LabelScores;
import dev.tunebook.finetune.eval.RunClassifiers;
import dev.tunebook.finetune.eval.SentenceClassifier;
import dev.tunebook.finetune.eval.TextClassifier;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.tokenize.Tokenizer;
import dev.tunebook.finetune.train.RunWeights;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.weights.SafetensorsFile;
import dev.tunebook.finetune.weights.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves a LoRA run merged and as a PEFT adapter, checks each layout against what transformers and
 * peft write, loads both back and compares their scores with the checkpoint's own classifier.
 */
class ModelExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXTS =
            List.of("great food !", "terrible service .", "i love this movie", "slow and bad");
    private static SaveFixture fixture;
    private static RunWeights lora;
    @TempDir static Path dir;

    @BeforeAll
    static void train() throws Exception {
        fixture = new SaveFixture(dir);
        fixture.train("lora-run", TrainingMethod.LORA);
        lora = RunWeights.find(fixture.store, "lora-run");
    }

    private static SavedModel save(String folder, boolean merged) throws Exception {
        return ModelExport.builder()
                .setRun(lora)
                .setBaseFolder(fixture.base)
                .setTarget(dir.resolve(folder))
                .optMerged(merged)
                .optBaseModelName(fixture.base.toString())
                .build()
                .save();
    }

    @Test
    void runRecordsItsLabelsAndSourceAndTheCheckpointAdapterHoldsTheHead() throws Exception {
        assertEquals(List.of("negative", "positive"), lora.labels());
        assertEquals(fixture.base.toString(), lora.baseModel());
        JsonNode config =
                JSON.readTree(lora.adapterFolder().resolve(LoraModel.CONFIG_FILE).toFile());
        assertEquals(fixture.base.toString(), config.get("base_model_name_or_path").asText());
        // as peft writes a SEQ_CLS adapter: both names its classifier heads go by
        assertEquals("[\"classifier\",\"score\"]", config.get("modules_to_save").toString());
        assertEquals("SEQ_CLS", config.get("task_type").asText());
    }

    @Test
    void mergedFolderHasTransformersLayoutAndScoresAsTheCheckpoint() throws Exception {
        SavedModel saved = save("merged", true);
        assertTrue(saved.merged());
        Path folder = saved.folder();
        JsonNode config = JSON.readTree(folder.resolve("config.json").toFile());
        assertEquals("[\"BertForSequenceClassification\"]", config.get("architectures").toString());
        assertEquals("{\"0\":\"negative\",\"1\":\"positive\"}", config.get("id2label").toString());
        assertEquals("{\"negative\":0,\"positive\":1}", config.get("label2id").toString());
        assertEquals(2, config.get("num_labels").asInt());
        assertEquals("mean", config.get("classifier_pooling").asText());
        // the same names as transformers' own BertForSequenceClassification checkpoint
        assertEquals(
                tensorNames(SaveFixture.FIXTURES.resolve("models/tiny-bert/model.safetensors")),
                tensorNames(folder.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(folder.resolve("tokenizer.json")));
        assertScoresMatchCheckpoint(folder);
    }

    @Test
    void adapterFolderHasPeftLayoutAndScoresAsTheCheckpoint() throws Exception {
        SavedModel saved = save("adapter", false);
        Path folder = saved.folder();
        JsonNode config = JSON.readTree(folder.resolve(LoraModel.CONFIG_FILE).toFile());
        assertEquals(fixture.base.toString(), config.get("base_model_name_or_path").asText());
        // as peft writes a SEQ_CLS adapter: both names its classifier heads go by
        assertEquals("[\"classifier\",\"score\"]", config.get("modules_to_save").toString());
        assertEquals("SEQ_CLS", config.get("task_type").asText());
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals(4, config.get("r").asInt());
        assertEquals(
                new TreeSet<>(List.of("query", "value")),
                new TreeSet<>(JSON.convertValue(config.get("target_modules"), List.class)));
        TreeSet<String> names = tensorNames(folder.resolve(LoraModel.WEIGHTS_FILE));
        assertTrue(
                names.contains(
                        "base_model.model.bert.encoder.layer.0.attention.self.query.lora_A.weight"),
                names.toString());
        assertTrue(names.contains("base_model.model.classifier.weight"), names.toString());
        assertTrue(names.contains("base_model.model.classifier.bias"), names.toString());
        assertEquals(2 * 2 * 2 + 2, names.size(), names.toString());
        assertScoresMatchCheckpoint(folder);
    }

    @Test
    void mergedAndAdapterFoldersGiveTheSameLogits() throws Exception {
        Path merged = save("same-merged", true).folder();
        Path adapter = save("same-adapter", false).folder();
        try (LoadedModel a = SavedModels.load(merged, Device.cpu(), DownloadProgress.NONE);
                LoadedModel b = SavedModels.load(adapter, Device.cpu(), DownloadProgress.NONE)) {
            assertArrayEquals(logits(a), logits(b), 1e-5f);
        }
    }

    private static float[] logits(LoadedModel model) {
        var encoded = model.tokenizer().encode("i love this movie");
        long[] ids = encoded.ids();
        try (var scope = model.model().manager().newSubManager()) {
            NDArray input = scope.create(new long[][] {ids});
            NDArray mask = input.onesLike();
            return model.model().forward(input, mask).toFloatArray();
        }
    }

    /** Compares the loaded folder's scores with the checkpoint's LoRA model and head, unmerged. */
    private static void assertScoresMatchCheckpoint(Path folder) throws Exception {
        List<LabelScores> expected;
        try (LanguageModel base = LanguageModel.load(fixture.base, Device.cpu());
                Tokenizer tokenizer = Tokenizer.load(fixture.base)) {
            LoraModel.load(base, lora.adapterFolder());
            Map<String, NDArray> head = Weights.load(lora.trainableFile(), base.manager());
            head.keySet().retainAll(TrainedClassifier.HEAD);
            try (SentenceClassifier reference =
                    SentenceClassifier.of((BertModel) base, tokenizer, lora.labels(), head, 128)) {
                expected = reference.classify(TEXTS);
            }
        }
        try (LoadedModel loaded = SavedModels.load(folder, Device.cpu(), DownloadProgress.NONE)) {
            TextClassifier classifier =
                    RunClassifiers.of(loaded.model(), loaded.tokenizer(), fixture.data);
            assertEquals(lora.labels(), classifier.labels());
            List<LabelScores> actual = classifier.classify(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(
                        scores(expected.get(i)), scores(actual.get(i)), 1e-5, TEXTS.get(i));
            }
        }
    }

    private static double[] scores(LabelScores scores) {
        return scores.scores();
    }

    static TreeSet<String> tensorNames(Path file) throws Exception {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            return new TreeSet<>(st.tensors().keySet());
        }
    }
}
