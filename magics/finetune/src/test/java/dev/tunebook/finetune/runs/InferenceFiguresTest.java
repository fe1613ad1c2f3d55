package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InferenceFiguresTest {
    @Test
    void summarisesLatencies() {
        InferenceFigures f = InferenceFigures.fromLatencies(new double[] {10, 20, 30, 40}, 1234L);
        assertEquals(25.0, f.latencyMsP50(), 1e-12);
        assertEquals(38.5, f.latencyMsP95(), 1e-12);
        assertEquals(40.0, f.throughputPerSecond(), 1e-12, "4 examples in 100 ms");
        assertEquals(1234L, f.modelBytes());
        InferenceFigures lora = f.withForms(f, InferenceFigures.of(30, 50, 30, 99));
        assertEquals(30.0, lora.unmerged().latencyMsP50());
        assertEquals(25.0, lora.merged().latencyMsP50());
    }

    @Test
    void refusesNonPositiveLatencies() {
        assertThrows(
                IllegalArgumentException.class,
                () -> InferenceFigures.fromLatencies(new double[] {1, 0}, null));
        assertThrows(
                IllegalArgumentException.class,
                () -> InferenceFigures.fromLatencies(new double[0], null));
    }
}
