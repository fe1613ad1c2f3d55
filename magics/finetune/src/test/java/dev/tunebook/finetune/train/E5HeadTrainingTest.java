package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.model.ModelCard;
import dev.tunebook.finetune.runs.RunStatus;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.finetune.source.MavenEncoder;
import dev.tunebook.finetune.weights.ModelConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * e5-small-v2, loaded from its quantized Maven jar as {@code %model load} loads it, is a float BERT
 * of e5's published shape whose tokenizer puts {@code "query: "} before every text, and a linear
 * head trains on it.
 */
class E5HeadTrainingTest {
    private static final MavenEncoder E5 =
            MavenEncoder.known().stream()
                    .filter(e -> e.name().startsWith("e5"))
                    .findFirst()
                    .orElseThrow();

    @Test
    void aHeadTrainsOnDequantizedE5WithItsQueryPrefix(@TempDir Path home) throws Exception {
        try (LoadedModel e5 =
                LoadedModel.load(E5.source(), "cpu", "float32", DownloadProgress.NONE)) {
            ModelCard card = e5.card("e5");
            System.out.printf(
                    "e5 via LoadedModel.load: %d parameters, %.2f s (fetch, import, assemble)%n",
                    card.parameters(), card.loadSeconds());
            ModelConfig c = e5.config();
            assertEquals(
                    List.of(12, 384, 12, 1536, 30522, 512),
                    List.of(
                            c.numLayers(),
                            c.hiddenSize(),
                            c.numHeads(),
                            c.intermediateSize(),
                            c.vocabSize(),
                            c.maxPositions()));
            assertEquals("e5-small-v2-q", e5.displayName());
            assertEquals("query: ", e5.textPrefix());
            assertEquals(
                    List.of("[CLS]", "query", ":", "great", "food", "[SEP]"),
                    e5.tokenizer().encode("Great food").tokens());

            Dataset amazon = TrainerFixtures.amazon();
            TrainingData data =
                    TrainerFixtures.slice(
                            TrainingData.of(amazon, e5.tokenizer(), null, 32), 32, 16, 16);
            TrainingConfig config =
                    TrainerClassificationTest.config(TrainingMethod.HEAD, 5e-2, 8).build();
            TrainingRun run =
                    Trainer.builder()
                            .setModel(e5.model())
                            .setData(data)
                            .optConfig(config)
                            .optRunStore(RunStore.at(home))
                            .optLiveDisplay(false)
                            .optOutput(new PrintStream(new ByteArrayOutputStream()))
                            .optModelName(e5.displayName())
                            .build()
                            .run();
            assertEquals(RunStatus.COMPLETED, run.status(), run.message());
            double[] fl = TrainerClassificationTest.firstAndLast(run.losses(), 4);
            assertTrue(fl[1] < fl[0] * 0.9, "loss " + Arrays.toString(run.losses()));
            assertEquals(2 * 384 + 2, run.record().trainableParams());
            assertEquals("e5-small-v2-q", run.record().model());
            System.out.printf(
                    "e5 head: loss %.4f -> %.4f, val accuracy %.3f, test accuracy %.3f%n",
                    fl[0], fl[1], run.metric("val", "accuracy"), run.metric("test", "accuracy"));
        }
    }
}
