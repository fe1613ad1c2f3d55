package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedTokensTest {
    @Test
    void documentsAreJoinedByEndOfTextAndCutIntoFullRows() {
        PackedTokens packed =
                PackedTokens.pack(
                        List.of(new long[] {5, 6, 7}, new long[] {8}, new long[] {9, 10, 11, 12}),
                        0,
                        4);
        // stream 5 6 7 0 | 8 0 9 10 | 11 12 0 (partial, dropped)
        assertEquals(2, packed.rows());
        assertEquals(11, packed.tokens());
        assertEquals(3, packed.documents());
        assertArrayEquals(new int[] {5, 6, 7, 0}, packed.row(0));
        assertArrayEquals(new int[] {8, 0, 9, 10}, packed.row(1));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = packed.batch(new int[] {1, 0}, manager);
            assertArrayEquals(new long[] {2, 4}, batch.getShape().getShape());
            assertArrayEquals(new long[] {8, 0, 9, 10, 5, 6, 7, 0}, batch.toLongArray());
        }
    }

    @Test
    void textShorterThanOneRowIsRefused() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PackedTokens.pack(List.of(new long[] {1, 2}), 0, 8));
        assertTrue(e.getMessage().contains("1 documents hold 3 tokens"), e.getMessage());
    }
}
