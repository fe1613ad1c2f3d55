package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Label log-likelihoods of every causal fixture model (random weights, real engine) equal the sum
 * of log-softmax values computed independently: each prompt + continuation run alone, unpadded, and
 * the log-softmax taken in Java.
 */
class ContinuationScorerTest {

    @TestFactory
    Stream<DynamicTest> scoresAreSumsOfLogSoftmax() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> folders = Files.list(TestModels.fixtures("models"))) {
            for (Path folder : folders.sorted().toList()) {
                tests.add(
                        DynamicTest.dynamicTest(
                                folder.getFileName().toString(), () -> check(folder)));
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    private static void check(Path folder) throws Exception {
        try (LanguageModel loaded = LanguageModel.load(folder, Device.cpu())) {
            if (!(loaded instanceof CausalLanguageModel model)) {
                return;
            }
            Random random = new Random(7);
            long[] prompt = ids(random, 6, model.config().vocabSize());
            long[][] continuations = {
                ids(random, 1, model.config().vocabSize()),
                ids(random, 3, model.config().vocabSize()),
                ids(random, 2, model.config().vocabSize())
            };
            double[] scores = new ContinuationScorer(model).score(prompt, continuations);
            for (int r = 0; r < continuations.length; r++) {
                assertEquals(
                        reference(model, prompt, continuations[r]), scores[r], 1e-4, "row " + r);
            }
            long[][] outside = {{model.config().vocabSize()}};
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new ContinuationScorer(model).score(prompt, outside));
        }
    }

    private static double reference(CausalLanguageModel model, long[] prompt, long[] continuation) {
        long[] all = new long[prompt.length + continuation.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(continuation, 0, all, prompt.length, continuation.length);
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray logits = model.forward(scope.create(all, new Shape(1, all.length)), null);
            logits.attach(scope);
            float[] flat = logits.toFloatArray();
            int vocab = flat.length / all.length;
            double sum = 0;
            for (int j = 0; j < continuation.length; j++) {
                int position = prompt.length - 1 + j;
                float[] row =
                        java.util.Arrays.copyOfRange(
                                flat, position * vocab, (position + 1) * vocab);
                sum += logSoftmax(row, (int) continuation[j]);
            }
            return sum;
        }
    }

    private static double logSoftmax(float[] row, int index) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double total = 0;
        for (float v : row) {
            total += Math.exp(v - max);
        }
        return row[index] - max - Math.log(total);
    }

    private static long[] ids(Random random, int length, int vocab) {
        long[] ids = new long[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(vocab);
        }
        return ids;
    }
}
