package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollatorTest {
    private static final int PAD = 0;
    private static final long X = Batch.IGNORE_INDEX;

    @Test
    void padsToTheLongestWithMaskAndIgnoredLabels() {
        Collator collator = Collator.builder().setPadId(PAD).build();
        Batch batch =
                collator.collate(
                        List.of(
                                Example.causal(
                                        new int[] {5, 6, 7, 8},
                                        new boolean[] {false, false, true, true}),
                                Example.causal(new int[] {9, 10})));
        assertEquals(2, batch.batchSize());
        assertEquals(4, batch.length());
        assertArrayEquals(new long[] {5, 6, 7, 8, 9, 10, PAD, PAD}, batch.inputIds());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 0, 0}, batch.attentionMask());
        assertArrayEquals(new long[] {X, X, 7, 8, 9, 10, X, X}, batch.labels());
        assertEquals(6, batch.tokenCount());
    }

    @Test
    void truncatesToMaxLengthKeepingTheStart() {
        Collator collator = Collator.builder().setPadId(99).optMaxLength(3).build();
        Batch batch =
                collator.collate(
                        List.of(
                                Example.causal(new int[] {1, 2, 3, 4, 5}),
                                Example.causal(new int[] {6})));
        assertEquals(3, batch.length());
        assertArrayEquals(new long[] {1, 2, 3, 6, 99, 99}, batch.inputIds());
        assertArrayEquals(new long[] {1, 2, 3, 6, X, X}, batch.labels());
    }

    @Test
    void classificationBatchesCarryOneLabelPerRow() {
        Collator collator = Collator.builder().setPadId(PAD).build();
        Batch batch =
                collator.collate(
                        List.of(
                                Example.classification(new int[] {3, 4}, 1),
                                Example.classification(new int[] {5}, 0)));
        assertArrayEquals(new long[] {1, 0}, batch.labels());
        assertArrayEquals(new long[] {1, 1, 1, 0}, batch.attentionMask());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList arrays = batch.toNDList(manager);
            assertEquals(new Shape(2, 2), arrays.get("input_ids").getShape());
            assertEquals(new Shape(2), arrays.get("labels").getShape());
            assertEquals(DataType.INT64, arrays.get("attention_mask").getDataType());
            assertArrayEquals(new long[] {3, 4, 5, 0}, arrays.get(0).toLongArray());
        }
    }

    @Test
    void mixedOrEmptyInputIsRejected() {
        Collator collator = Collator.builder().setPadId(PAD).build();
        assertThrows(IllegalArgumentException.class, () -> collator.collate(List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        collator.collate(
                                List.of(
                                        Example.causal(new int[] {1}),
                                        Example.classification(new int[] {2}, 0))));
        assertThrows(IllegalStateException.class, () -> Collator.builder().build());
        assertThrows(
                IllegalArgumentException.class,
                () -> Example.causal(new int[] {1, 2}, new boolean[] {true}));
    }

    @Test
    void packingFillsRowsAndDoesNotTrainAcrossExamples() {
        List<Example> rows =
                SequencePacking.pack(
                        List.of(
                                Example.causal(
                                        new int[] {1, 2, 3}, new boolean[] {false, true, true}),
                                Example.causal(new int[] {4, 5, 6, 7}),
                                Example.causal(new int[] {8, 9, 10, 11, 12, 13})),
                        5);
        assertEquals(3, rows.size());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, rows.get(0).inputIds());
        assertArrayEquals(new boolean[] {false, true, true, false, true}, rows.get(0).labelMask());
        assertArrayEquals(new int[] {6, 7, 8, 9, 10}, rows.get(1).inputIds());
        assertArrayEquals(new boolean[] {true, true, false, true, true}, rows.get(1).labelMask());
        assertArrayEquals(
                new int[] {11, 12},
                rows.get(2).inputIds(),
                "13 was cut: examples are truncated to 5 first");
        Batch batch = Collator.builder().setPadId(PAD).build().collate(rows);
        assertArrayEquals(new long[] {X, 2, 3, X, 5}, java.util.Arrays.copyOf(batch.labels(), 5));
        assertEquals(12, batch.tokenCount());
    }
}
