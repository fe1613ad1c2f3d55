package dev.tunebook.finetune.runs;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * Records a piece of work that ends in one go (an evaluation, a baseline, a retrieval test) as a
 * run: the run is created {@code running}, the work fills it through its recorder, and the run ends
 * {@code completed}, {@code interrupted} (on a {@link CancellationException}, which is rethrown) or
 * {@code failed} with the error (a {@link RuntimeException}, rethrown).
 */
public final class RecordedWork {
    private RecordedWork() {}

    /** The work: fills the run through {@code recorder} and returns its result. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work; the run is completed after it returns. */
        T run(RunRecorder recorder);
    }

    /** What {@link #recordRun} returns: the run as stored when it ended, and the work's result. */
    public record Outcome<T>(RunRecord run, T value) {}

    /**
     * Creates {@code run} in {@code store}, does {@code work} and ends the run as its outcome says;
     * every change is written at once.
     *
     * @return what the work returned
     */
    public static <T> T record(RunStore store, RunRecord run, Work<T> work) {
        return recordRun(store, run, work).value();
    }

    /**
     * As {@link #record}, returning the completed run (with the id and times the store gave it)
     * beside what the work returned.
     */
    public static <T> Outcome<T> recordRun(RunStore store, RunRecord run, Work<T> work) {
        try (RunRecorder recorder = store.start(run, Duration.ZERO)) {
            try {
                T result = work.run(recorder);
                recorder.complete();
                return new Outcome<>(recorder.snapshot(), result);
            } catch (CancellationException e) {
                recorder.interrupt();
                throw e;
            } catch (RuntimeException e) {
                recorder.fail(e);
                throw e;
            }
        }
    }
}
