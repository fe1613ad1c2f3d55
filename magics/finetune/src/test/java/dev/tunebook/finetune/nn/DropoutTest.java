package dev.tunebook.finetune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.model.BertModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dropout is off in evaluation mode (the default) and on in training mode. */
class DropoutTest {
    @Test
    void trainingModeDropsAndEvaluationModeIsDeterministic() {
        try (BertModel model =
                        BertModel.builder()
                                .setVocabSize(30)
                                .setHiddenSize(8)
                                .setLayers(1)
                                .setHeads(2)
                                .setIntermediateSize(16)
                                .optClassifier(2)
                                .optDropout(0.5, 0.5, -1)
                                .build(NDManager.newBaseManager());
                NDManager scope = NDManager.newBaseManager()) {
            Map<String, NDArray> weights = new HashMap<>();
            model.parameterShapes()
                    .forEach((n, s) -> weights.put(n, model.manager().randomNormal(s)));
            model.loadWeights(weights);
            NDArray ids = scope.create(new long[] {1, 2, 3, 4, 5, 6}, new Shape(1, 6));
            float[] first = model.encode(ids, null, null).toFloatArray();
            assertFalse(model.isTraining());
            assertArrayEquals(first, model.encode(ids, null, null).toFloatArray(), 0f);
            model.setTraining(true);
            assertTrue(model.isTraining());
            float[] dropped = model.encode(ids, null, null).toFloatArray();
            assertFalse(Arrays.equals(first, dropped), "dropout changes training outputs");
            model.setTraining(false);
            assertArrayEquals(first, model.encode(ids, null, null).toFloatArray(), 0f);
        }
    }

    @Test
    void dropoutScalesKeptElements() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Dropout dropout = new Dropout(0.5);
            NDArray ones = manager.ones(new Shape(1000));
            assertEquals(ones, dropout.forward(ones));
            dropout.setTraining(true);
            float[] out = dropout.forward(ones).toFloatArray();
            for (float v : out) {
                assertTrue(v == 0f || v == 2f, "kept elements are scaled by 1/(1-p): " + v);
            }
            long kept = 0;
            for (float v : out) {
                kept += v == 2f ? 1 : 0;
            }
            assertTrue(kept > 350 && kept < 650, "about half are kept: " + kept);
            assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        }
    }
}
