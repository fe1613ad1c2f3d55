package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void matchesNumpyLinearInterpolation() {
        // np.percentile([1,2,3,4], 50) == 2.5; ([1,2,3,4], 95) == 3.85
        assertEquals(2.5, Percentiles.of(new double[] {4, 1, 3, 2}, 50), 1e-12);
        assertEquals(3.85, Percentiles.of(new double[] {1, 2, 3, 4}, 95), 1e-12);
        // np.percentile([15, 20, 35, 40, 50], 40) == 29.0
        assertEquals(29.0, Percentiles.of(new double[] {15, 20, 35, 40, 50}, 40), 1e-12);
        assertEquals(7.0, Percentiles.of(new double[] {7}, 95), 1e-12);
    }

    @Test
    void refusesEmptyInputAndBadPercentiles() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[] {1}, 101));
    }
}
