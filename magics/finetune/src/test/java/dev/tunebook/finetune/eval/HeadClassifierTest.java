package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.CancellationSource;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classification head of tiny-bert (random weights, real engine) scored in padded batches
 * equals each text run alone; the evaluation's predictions and accuracy follow from those scores.
 */
class HeadClassifierTest {
    @TempDir Path dir;

    @Test
    void batchedScoresEqualEachTextAloneAndFeedTheMetrics() throws Exception {
        try (Tokenizer tokenizer = WordTokenizer.write(dir.resolve("tok"));
                BertModel model =
                        (BertModel)
                                LanguageModel.load(
                                        TestModels.fixtures("models/tiny-bert"), Device.cpu())) {
            Dataset dataset = TinyReviews.write(dir.resolve("data"));
            List<String> texts = new ArrayList<>();
            for (int row : dataset.rows("test")) {
                texts.add(dataset.table().stringColumn("text").get(row));
            }
            List<LabelScores> scores =
                    new HeadClassifier(model, tokenizer, dataset.labelNames()).classify(texts);
            int correct = 0;
            for (int i = 0; i < texts.size(); i++) {
                double[] alone = LogSoftmax.of(logits(model, tokenizer.encode(texts.get(i)).ids()));
                assertArrayEquals(alone, scores.get(i).scores(), 1e-4);
                String gold = dataset.table().stringColumn("label").get(dataset.rows("test")[i]);
                correct += scores.get(i).bestLabel().equals(gold) ? 1 : 0;
            }
            Evaluation evaluation = ModelEvaluator.evaluate(model, tokenizer, dataset, "test");
            assertEquals(correct / 4.0, evaluation.accuracy(), 1e-12);
            assertEquals(4, evaluation.predictions().rows().size());
            assertEquals(evaluation.accuracy(), evaluation.metrics().get("accuracy"), 0.0);
        }
    }

    @Test
    void aCancellationEndsTheEvaluationRunAsInterrupted() throws Exception {
        try (Tokenizer tokenizer = WordTokenizer.write(dir.resolve("tok"));
                BertModel model =
                        (BertModel)
                                LanguageModel.load(
                                        TestModels.fixtures("models/tiny-bert"), Device.cpu())) {
            Dataset dataset = TinyReviews.write(dir.resolve("data"));
            RunStore store = RunStore.at(dir.resolve("home"));
            RunRecord run = RunRecord.of(RunKind.EVAL, "stopped");
            CancellationSource cancellation = new CancellationSource();
            cancellation.cancel(); // as the kernel's token is when the user interrupts the cell
            assertThrows(
                    CancellationException.class,
                    () ->
                            ModelEvaluator.record(
                                    store,
                                    run,
                                    new HeadClassifier(model, tokenizer, dataset.labelNames()),
                                    dataset,
                                    List.of("test"),
                                    cancellation));
            assertEquals(RunStatus.INTERRUPTED, store.require("stopped").status());
        }
    }

    private static float[] logits(BertModel model, long[] ids) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray out = model.forward(scope.create(ids, new Shape(1, ids.length)), null);
            out.attach(scope);
            return out.toFloatArray();
        }
    }
}
