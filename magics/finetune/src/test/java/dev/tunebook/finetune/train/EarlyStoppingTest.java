package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Early stopping: which validation is the best, and when patience runs out. */
class EarlyStoppingTest {
    @Test
    void accuracyImprovesUpwardsAndPatienceCountsEvaluationsWithoutImprovement() {
        EarlyStopping stopping = new EarlyStopping(2, "accuracy");
        assertTrue(stopping.observe(10, 0.5));
        assertTrue(stopping.observe(20, 0.6));
        assertFalse(stopping.observe(30, 0.6), "an equal value is no improvement");
        assertFalse(stopping.shouldStop());
        assertFalse(stopping.observe(40, 0.55));
        assertTrue(stopping.shouldStop());
        assertEquals(0.6, stopping.best());
        assertEquals(20, stopping.bestStep());
        assertEquals(2, stopping.evalsWithoutImprovement());
        assertEquals(
                "stopped early at step 40: no improvement in 2 evaluations", stopping.reason(40));
    }

    @Test
    void lossImprovesDownwardsAndAnImprovementResetsPatience() {
        EarlyStopping stopping = new EarlyStopping(1, "loss");
        assertTrue(stopping.observe(1, 0.7));
        assertFalse(stopping.observe(2, 0.8));
        assertTrue(stopping.shouldStop());
        assertTrue(stopping.observe(3, 0.6));
        assertFalse(stopping.shouldStop());
        assertEquals(3, stopping.bestStep());
    }

    @Test
    void anEvaluationWithoutTheMetricChangesNothing() {
        EarlyStopping stopping = new EarlyStopping(1, "accuracy");
        assertFalse(stopping.observe(5, null));
        assertNull(stopping.best());
        assertEquals(0, stopping.bestStep());
        assertEquals(0, stopping.evalsWithoutImprovement());
    }

    @Test
    void patienceZeroNeverStops() {
        EarlyStopping stopping = new EarlyStopping(0, "loss");
        stopping.observe(1, 0.5);
        for (int step = 2; step < 10; step++) {
            stopping.observe(step, 0.9);
        }
        assertFalse(stopping.shouldStop());
        assertEquals(8, stopping.evalsWithoutImprovement());
    }

    @Test
    void aResumedRunContinuesFromItsCheckpointsState() {
        CheckpointState state =
                new CheckpointState(12, 1, 0, 0, 42, 96, 900, 3.5, 0.8, 8, 1, Map.of());
        EarlyStopping stopping = EarlyStopping.restored(2, "accuracy", state);
        assertEquals(0.8, stopping.best());
        assertEquals(8, stopping.bestStep());
        assertFalse(stopping.observe(16, 0.79));
        assertTrue(stopping.shouldStop(), "one evaluation before the checkpoint and one after");
    }
}
