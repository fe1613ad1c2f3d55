package dev.tunebook.finetune.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {
    @TempDir Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T06:15:00Z"));

    private RunStore store() {
        return RunStore.at(home).withClock(clock);
    }

    private int stepsOnDisk(RunStore store, String id) {
        return store.require(id).steps().size();
    }

    @Test
    void stepsAreWrittenAtMostOncePerInterval() {
        RunStore store = store();
        try (RunRecorder rec =
                store.start(RunStoreTest.finetune("throttled"), Duration.ofSeconds(10))) {
            rec.step(RunStep.ofLoss(1, 0.9));
            rec.step(RunStep.ofLoss(2, 0.8));
            assertEquals(0, stepsOnDisk(store, rec.id()), "within the interval: not yet written");
            clock.advance(Duration.ofSeconds(10));
            rec.step(RunStep.ofLoss(3, 0.7));
            assertEquals(3, stepsOnDisk(store, rec.id()));
            clock.advance(Duration.ofSeconds(3));
            rec.step(RunStep.ofLoss(4, 0.6));
            assertEquals(3, stepsOnDisk(store, rec.id()));
            rec.flush();
            assertEquals(4, stepsOnDisk(store, rec.id()));
            assertEquals(4, rec.snapshot().steps().size());
        }
    }

    @Test
    void zeroIntervalWritesEveryStep() {
        RunStore store = store();
        try (RunRecorder rec = store.start(RunStoreTest.finetune("eager"), Duration.ZERO)) {
            rec.step(RunStep.ofLoss(1, 0.9));
            assertEquals(1, stepsOnDisk(store, rec.id()));
            rec.metrics("test", Map.of("accuracy", 0.8));
            assertEquals(0.8, store.require(rec.id()).metric("accuracy").orElseThrow());
        }
    }

    @Test
    void completeStampsEndAndTrainTime() {
        RunStore store = store();
        RunRecorder rec = store.start(RunStoreTest.finetune("done"), Duration.ofMinutes(1));
        rec.step(RunStep.ofLoss(1, 0.5));
        clock.advance(Duration.ofSeconds(90));
        rec.complete();
        RunRecord run = store.require(rec.id());
        assertEquals(RunStatus.COMPLETED, run.status());
        assertEquals(Instant.parse("2026-11-26T06:16:30Z"), run.endedAt());
        assertEquals(90.0, run.trainSeconds());
        assertEquals(1, run.steps().size());
        rec.close();
        assertEquals(RunStatus.COMPLETED, store.require(rec.id()).status());
    }

    @Test
    void closeWithoutCompleteMarksInterruptedAndFailRecordsError() {
        RunStore store = store();
        String interrupted;
        try (RunRecorder rec = store.start(RunStoreTest.finetune("stopped"), Duration.ZERO)) {
            interrupted = rec.id();
        }
        assertEquals(RunStatus.INTERRUPTED, store.require(interrupted).status());
        assertNotNull(store.require(interrupted).endedAt());

        clock.advance(Duration.ofSeconds(1));
        RunRecorder rec = store.start(RunStoreTest.finetune("broken"), Duration.ZERO);
        rec.fail(new IllegalStateException("loss is NaN at step 7"));
        RunRecord failed = store.require(rec.id());
        assertEquals(RunStatus.FAILED, failed.status());
        assertTrue(failed.error().contains("loss is NaN at step 7"), failed.error());
    }
}
