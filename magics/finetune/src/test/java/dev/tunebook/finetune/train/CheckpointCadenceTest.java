package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When a run validates and checkpoints, and where its epochs end. */
class CheckpointCadenceTest {
    private static List<Integer> due(CheckpointCadence cadence) {
        return IntStream.rangeClosed(1, cadence.total()).filter(cadence::due).boxed().toList();
    }

    @Test
    void everyEpochByDefault() {
        CheckpointCadence cadence = CheckpointCadence.of(3, 4, 0);
        assertEquals(12, cadence.total());
        assertEquals(List.of(4, 8, 12), due(cadence));
    }

    @Test
    void everyNStepsAndAfterTheLastStep() {
        assertEquals(List.of(3, 6, 8), due(CheckpointCadence.of(2, 4, 3)));
        assertEquals(List.of(5, 10), due(CheckpointCadence.of(1, 10, 5)));
    }

    @Test
    void epochsEndEveryStepsPerEpochSteps() {
        CheckpointCadence cadence = CheckpointCadence.of(2, 4, 3);
        List<Integer> ends =
                IntStream.rangeClosed(1, 8).filter(cadence::endsEpoch).boxed().toList();
        assertEquals(List.of(4, 8), ends);
        assertEquals(0.25, cadence.epoch(1));
        assertEquals(1.5, cadence.epoch(6));
    }
}
