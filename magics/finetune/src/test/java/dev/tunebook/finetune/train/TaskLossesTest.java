package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.PackedTokens;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loss, loss weight, token count and evaluation metrics of each task on fixed fixture
 * weights, data and seed, pinned to the values the tasks gave before their shared batching and
 * evaluation code was extracted (printed as hex bits on the machine that recorded them; compared
 * here within a relative 1e-5 so that another CPU's kernels may differ in the last bits).
 */
class TaskLossesTest {
    private static final int[] ROWS = {0, 3, 5, 6, 9};
    private static TrainingData chat;
    private static TrainingData labels;

    @BeforeAll
    static void tokenise(@TempDir Path dir) throws IOException {
        Dataset amazon = TrainerFixtures.amazon();
        try (Tokenizer tokenizer = TrainerFixtures.wordTokenizer(amazon, dir)) {
            chat =
                    TrainerFixtures.slice(
                            TrainingData.of(amazon, tokenizer, TrainerFixtures.reviewPrompt(), 48),
                            16,
                            20,
                            8);
            labels =
                    TrainerFixtures.slice(TrainingData.of(amazon, tokenizer, null, 32), 32, 70, 16);
        }
    }

    @Test
    void causalTaskKeepsItsLosses() throws IOException {
        assertClose(
                List.of(0x1.b9608p2, 0x1.fp4, 0x1.bep7, 0x1.b8dbe1fc780e2p2, 0x1.ea6cee17c60adp9),
                figures("tiny-llama", chat, TrainingMethod.LORA));
    }

    @Test
    void classificationTaskKeepsItsLosses() throws IOException {
        assertClose(
                List.of(
                        0x1.621fap-1,
                        0x1.4p2,
                        0x1.5p6,
                        0x1.075075075075p-1,
                        0x1.5bc609a90e7d9p-2,
                        0x1.075075075075p-2,
                        0x1.0p-1,
                        0x1.656a783a83a84p-1),
                figures("tiny-bert", labels, TrainingMethod.FULL));
    }

    @Test
    void pretrainingTaskKeepsItsLosses() throws IOException {
        try (LanguageModel model = TrainerFixtures.model("tiny-llama")) {
            int vocab = model.config().vocabSize();
            List<long[]> documents = new ArrayList<>();
            for (int d = 0; d < 40; d++) {
                long[] ids = new long[5 + d % 11];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = (7L * d + 13L * i + 1) % (vocab - 1);
                }
                documents.add(ids);
            }
            PackedTokens train = PackedTokens.pack(documents.subList(0, 30), vocab - 1, 16);
            PackedTokens validation = PackedTokens.pack(documents.subList(30, 40), vocab - 1, 16);
            List<Double> got =
                    figures(
                            new PretrainingTask(
                                    (CausalLanguageModel) model, train, validation, 2, 3));
            got.addAll(
                    new PretrainingTask((CausalLanguageModel) model, train, validation, 2, 3)
                            .evaluate(PretrainingTask.VALIDATION_ALL)
                            .values());
            assertClose(
                    List.of(
                            0x1.ba8f26p2,
                            0x1.2cp6,
                            0x1.4p6,
                            0x1.b9e2f35555555p2,
                            0x1.f25d0ff3e193p9,
                            0x1.68p5,
                            0x1.ba6e0ep2,
                            0x1.f69cde39afe55p9,
                            0x1.68p6),
                    got);
        }
    }

    /** Returns the {@link #figures(TrainingTask)} of the task that trains fixture {@code model}. */
    private static List<Double> figures(String model, TrainingData data, TrainingMethod method)
            throws IOException {
        try (LanguageModel loaded = TrainerFixtures.model(model)) {
            TrainingConfig config = TrainingConfig.builder().optMethod(method).build();
            return figures(TrainingTasks.create(loaded, data, config, new Seed(3), 0));
        }
    }

    /** Returns the loss, loss weight and tokens of {@link #ROWS}, then the metrics of val. */
    private static List<Double> figures(TrainingTask task) {
        try (task;
                NDManager scope = task.manager().newSubManager()) {
            List<Double> out = new ArrayList<>();
            out.add((double) task.loss(ROWS, scope).getFloat());
            out.add(task.lossWeight(ROWS));
            out.add((double) task.tokens(ROWS));
            Map<String, Double> metrics = task.evaluate("val");
            out.addAll(metrics.values());
            return out;
        }
    }

    private static void assertClose(List<Double> expected, List<Double> got) {
        StringBuilder bits = new StringBuilder();
        got.forEach(v -> bits.append(Double.toHexString(v)).append(", "));
        assertEquals(expected.size(), got.size(), bits.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(
                    expected.get(i),
                    got.get(i),
                    1e-5 * Math.max(1, Math.abs(expected.get(i))),
                    "figure " + i + " of " + bits);
        }
    }
}
