package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LlamaShape;
import dev.tunebook.finetune.model.RandomWeights;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyProbeTest {
    private static final LlamaShape SHAPE = new LlamaShape(300, 64, 2, 4, 2, 96, 64);

    @Test
    void theSecondShowingsLossIsTheMeanOverItsTokensAfterTheFirst() {
        int rows = 3;
        int span = 8;
        try (CausalLanguageModel model =
                RandomWeights.create(SHAPE.toConfig(List.of(0), 3), Device.cpu(), 5, 0.2)) {
            Map<String, Double> probe = CopyProbe.measure(model, rows, span, 4, 11);
            // the same rows, scored position by position
            Random random = new Random(11);
            long[] ids = new long[rows * 2 * span];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < span; i++) {
                    ids[r * 2 * span + i] = 4 + random.nextInt(300 - 4);
                    ids[r * 2 * span + span + i] = ids[r * 2 * span + i];
                }
            }
            double first = 0;
            double second = 0;
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray x = scope.create(ids, new Shape(rows, 2L * span));
                float[] logits = model.head(model.hiddenStates(x, null, null)).toFloatArray();
                for (int r = 0; r < rows; r++) {
                    for (int p = 0; p < 2 * span - 1; p++) {
                        int offset = (r * 2 * span + p) * 300;
                        double max = Double.NEGATIVE_INFINITY;
                        for (int v = 0; v < 300; v++) {
                            max = Math.max(max, logits[offset + v]);
                        }
                        double sum = 0;
                        for (int v = 0; v < 300; v++) {
                            sum += Math.exp(logits[offset + v] - max);
                        }
                        int target = (int) ids[r * 2 * span + p + 1];
                        double nll = Math.log(sum) + max - logits[offset + target];
                        if (p < span - 1) {
                            first += nll;
                        } else if (p >= span) {
                            second += nll;
                        }
                    }
                }
            }
            assertEquals(first / (rows * (span - 1)), probe.get("first"), 1e-4);
            assertEquals(second / (rows * (span - 1)), probe.get("second"), 1e-4);
            // random weights cannot copy: both showings about as unpredictable
            assertTrue(Math.abs(probe.get("first") - probe.get("second")) < 1.0, probe.toString());
        }
    }
}
