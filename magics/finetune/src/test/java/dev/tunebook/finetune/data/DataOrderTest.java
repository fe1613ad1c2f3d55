package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataOrderTest {
    @Test
    void eachEpochIsAShuffleOfEveryIndex() {
        DataOrder order = new DataOrder(10, 4, 1, false);
        assertEquals(3, order.batchesPerEpoch());
        int[] epoch0 = concat(order.next(), order.next(), order.next());
        assertTrue(order.epochFinished());
        int[] epoch1 = concat(order.next(), order.next(), order.next());
        assertEquals(1, order.epoch());
        assertArrayEquals(IntStream.range(0, 10).toArray(), sorted(epoch0));
        assertArrayEquals(IntStream.range(0, 10).toArray(), sorted(epoch1));
        assertFalse(Arrays.equals(epoch0, epoch1), "epochs are shuffled differently");
        assertArrayEquals(DataOrder.permutation(1, 1, 10), epoch1);
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        DataOrder order = new DataOrder(10, 4, 1, true);
        assertEquals(2, order.batchesPerEpoch());
        order.next();
        order.next();
        assertEquals(4, order.next().length);
        assertEquals(1, order.epoch());
    }

    @Test
    void restoringAStateContinuesTheSameSequence() {
        DataOrder uninterrupted = new DataOrder(7, 3, 42, false);
        DataOrder first = new DataOrder(7, 3, 42, false);
        List<int[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add(uninterrupted.next());
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected.get(i), first.next());
        }
        DataOrder.State state = first.state();
        assertEquals(new DataOrder.State(42, 1, 3), state);
        DataOrder resumed = DataOrder.restore(state, 7, 3, false);
        for (int i = 4; i < 8; i++) {
            assertArrayEquals(expected.get(i), resumed.next());
        }
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static int[] sorted(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
