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

    @Test
    void repeatedRowsAreTheirFirstHalfTwiceAndTheRestStays() {
        List<long[]> documents = new java.util.ArrayList<>();
        for (long d = 0; d < 200; d++) {
            documents.add(new long[] {10 + d, 20 + d, 30 + d, 40 + d, 50 + d});
        }
        PackedTokens packed = PackedTokens.pack(documents, 0, 6);
        PackedTokens none = packed.withRepeats(0, 7);
        PackedTokens all = packed.withRepeats(1, 7);
        PackedTokens some = packed.withRepeats(0.25, 7);
        int repeated = 0;
        for (int row = 0; row < packed.rows(); row++) {
            int[] original = packed.row(row);
            assertArrayEquals(original, none.row(row));
            int[] twice = all.row(row);
            assertArrayEquals(
                    new int[] {
                        original[0], original[1], original[2], original[0], original[1], original[2]
                    },
                    twice);
            int[] maybe = some.row(row);
            if (!java.util.Arrays.equals(original, maybe)) {
                assertArrayEquals(twice, maybe);
                repeated++;
            }
        }
        // 200 rows drawn at 0.25: about 50, never none or all; the same seed draws the same rows
        assertTrue(repeated > 25 && repeated < 75, repeated + " of " + packed.rows());
        assertArrayEquals(some.row(3), packed.withRepeats(0.25, 7).row(3));
        assertEquals(packed.tokens(), some.tokens());
        assertThrows(IllegalArgumentException.class, () -> packed.withRepeats(1.5, 7));
    }
}
