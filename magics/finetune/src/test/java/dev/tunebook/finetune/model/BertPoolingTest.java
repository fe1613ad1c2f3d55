package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.Fixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Mean pooling ignores padded positions; CLS pooling takes the first token. */
class BertPoolingTest {
    @Test
    void paddingDoesNotChangeTheEmbedding() throws IOException {
        try (NDManager root = NDManager.newBaseManager();
                BertModel model =
                        (BertModel)
                                LanguageModel.load(
                                        Fixtures.dir("models").resolve("tiny-bert"), Device.cpu());
                NDManager scope = model.manager().newSubManager()) {
            NDArray padded = scope.create(new long[][] {{2, 40, 41, 42, 3, 0, 0}});
            NDArray mask = scope.create(new long[][] {{1, 1, 1, 1, 1, 0, 0}});
            NDArray exact = scope.create(new long[][] {{2, 40, 41, 42, 3}});
            NDArray ones = scope.create(new long[][] {{1, 1, 1, 1, 1}});
            for (Pooling pooling : Pooling.values()) {
                float[] withPadding = model.embed(padded, mask, pooling).toFloatArray();
                float[] without = model.embed(exact, ones, pooling).toFloatArray();
                assertArrayEquals(without, withPadding, 1e-5f, pooling.name());
            }
        }
    }
}
