package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values are transformers' lr_lambda formulas evaluated by hand. */
class LearningRateScheduleTest {
    private static void assertRates(LearningRateSchedule schedule, double... expected) {
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], schedule.rate(step), 1e-12, "step " + step);
        }
    }

    @Test
    void linearWarmupThenLinearDecay() {
        assertRates(
                LearningRateSchedule.linear(0.01, 2, 6),
                0.0,
                0.005,
                0.01,
                0.0075,
                0.005,
                0.0025,
                0.0,
                0.0);
        assertRates(LearningRateSchedule.linear(1.0, 0, 4), 1.0, 0.75, 0.5, 0.25, 0.0);
    }

    @Test
    void cosineWithWarmup() {
        LearningRateSchedule cosine = LearningRateSchedule.cosine(2.0, 2, 10);
        assertRates(cosine, 0.0, 1.0, 2.0);
        assertEquals(2.0 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), cosine.rate(4), 1e-12);
        assertEquals(1.0, cosine.rate(6), 1e-12);
        assertEquals(0.0, cosine.rate(10), 1e-12);
        // Past the end transformers' formula rises again (no clamp on progress); so does ours.
        assertEquals(2.0 * 0.5 * (1 + Math.cos(Math.PI * 1.25)), cosine.rate(12), 1e-12);
    }

    @Test
    void constantWithAndWithoutWarmup() {
        assertRates(LearningRateSchedule.constant(0.5, 0), 0.5, 0.5, 0.5);
        assertRates(LearningRateSchedule.constant(0.5, 4), 0.0, 0.125, 0.25, 0.375, 0.5, 0.5);
    }

    @Test
    void namedSchedulesRoundWarmupUp() {
        // transformers: warmup steps = ceil(warmup_ratio * total) -> ceil(0.1 * 25) = 3
        LearningRateSchedule linear = LearningRateSchedule.named("Linear", 1.0, 0.1, 25);
        assertEquals(2.0 / 3.0, linear.rate(2), 1e-12);
        assertEquals(1.0, linear.rate(3), 1e-12);
        assertEquals(21.0 / 22.0, linear.rate(4), 1e-12);
        assertThrows(
                IllegalArgumentException.class,
                () -> LearningRateSchedule.named("step", 1.0, 0.1, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> LearningRateSchedule.named("linear", 1.0, 1.5, 10));
    }
}
