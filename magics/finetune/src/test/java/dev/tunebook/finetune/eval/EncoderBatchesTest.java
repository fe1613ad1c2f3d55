package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderBatchesTest {
    @Test
    void longRowsAreBatchedWithinTheActivationBudgetAndComeBackInOrder() throws Exception {
        try (LanguageModel bert =
                LanguageModel.load(TestModels.fixtures("models/tiny-bert"), Device.cpu())) {
            // tiny-bert: 4 heads, so a row of 1024 tokens has 4 × 1024² floats of scores (16 MiB)
            // and two do not fit 24 MiB; rows of 8 tokens fit 64 to a batch.
            EncoderBatches batches = new EncoderBatches(bert, null, 64, 2048);
            long[][] ids = new long[70][];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = new long[i < 3 ? 1024 : 8];
                ids[i][0] = i;
            }
            List<Long> sizes = new ArrayList<>();
            float[][] out =
                    batches.applyIds(
                            ids,
                            (in, mask) -> {
                                sizes.add(in.getShape().get(0));
                                NDArray first = in.get(":, 0");
                                return first.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                        .expandDims(1);
                            });
            assertEquals(List.of(64L, 3L, 1L, 1L, 1L), sizes);
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(new float[] {i}, out[i], "row " + i + " back in its place");
            }
        }
    }
}
