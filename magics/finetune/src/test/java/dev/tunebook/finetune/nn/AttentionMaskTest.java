package dev.tunebook.finetune.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class AttentionMaskTest {
    private static final float X = -Float.MAX_VALUE;

    @Test
    void causalWithRightPadding() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = AttentionMask.causal(manager, new long[] {1, 1, 0}, 1, 3, 3, 0);
            assertArrayEquals(new long[] {1, 1, 3, 3}, mask.getShape().getShape());
            assertArrayEquals(new float[] {0, X, X, 0, 0, X, 0, 0, X}, mask.toFloatArray(), 0f);
        }
    }

    @Test
    void queriesAfterACacheSeeEveryEarlierKey() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = AttentionMask.causal(manager, null, 1, 1, 4, 0);
            assertArrayEquals(new float[] {0, 0, 0, 0}, mask.toFloatArray(), 0f);
        }
    }

    @Test
    void slidingWindowHidesOldKeys() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = AttentionMask.causal(manager, null, 1, 3, 3, 2);
            assertArrayEquals(new float[] {0, X, X, 0, 0, X, X, 0, 0}, mask.toFloatArray(), 0f);
        }
    }

    @Test
    void aMaskThatDoesNotCoverTheCacheIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> AttentionMask.causal(manager, new long[] {1}, 1, 1, 4, 0));
            assertTrue(e.getMessage().contains("cached plus new"), e.getMessage());
        }
    }

    @Test
    void paddingMaskBlocksPaddedKeys() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray attention = manager.create(new long[] {1, 1, 0}).expandDims(0);
            NDArray mask = AttentionMask.padding(manager, attention);
            assertArrayEquals(new long[] {1, 1, 1, 3}, mask.getShape().getShape());
            assertArrayEquals(new float[] {0, 0, X}, mask.toFloatArray(), 0f);
        }
    }
}
