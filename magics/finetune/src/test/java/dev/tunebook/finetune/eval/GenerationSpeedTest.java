package dev.tunebook.finetune.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tunebook.finetune.runs.InferenceFigures;
import org.junit.jupiter.api.Test;

class GenerationSpeedTest {
    @Test
    void batchesGiveRequestsPerSecondAtTheirSize() {
        // 5 requests in batches of 2 (2, 2, 1) taking 1 s in all: 5 requests per second
        InferenceFigures f = GenerationSpeed.of(new double[] {400, 400, 200}, 2, 5);
        assertEquals(5.0, f.throughputPerSecond(), 1e-12);
        assertNull(f.latencyMsP50());
        assertNull(f.tokensPerExample(), "an answer's time is not rescaled by its prompt length");
    }

    @Test
    void oneRequestABatchKeepsItsLatencies() {
        InferenceFigures f = GenerationSpeed.of(new double[] {100, 300, 200}, 1, 3);
        assertEquals(200.0, f.latencyMsP50(), 1e-12);
        assertEquals(5.0, f.throughputPerSecond(), 1e-12);
    }

    @Test
    void nothingTimedGivesNoFigures() {
        assertNull(GenerationSpeed.of(new double[0], 4, 0));
    }
}
