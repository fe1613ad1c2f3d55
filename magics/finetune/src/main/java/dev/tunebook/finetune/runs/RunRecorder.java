package dev.tunebook.finetune.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Records one run as it proceeds: appends steps and metrics to its record and rewrites the record
 * file atomically at most once per flush interval (a zero interval writes every step), and always
 * when the run ends.
 *
 * <p>{@link #close()} on a run that is still {@code running} marks it {@code interrupted}, so a
 * cell that stops half-way leaves an honest record. Instances are thread-safe.
 */
public final class RunRecorder implements AutoCloseable {
    private final RunStore store;
    private final String id;
    private final Duration flushInterval;
    // The record as it grows; steps are appended here, so a step costs no copy of the others.
    private RunRecordBuilder run;
    private Instant lastWrite;
    private boolean dirty;

    RunRecorder(RunStore store, RunRecord run, Duration flushInterval) {
        this.store = store;
        this.id = run.id();
        this.run = run.toBuilder();
        this.flushInterval = flushInterval;
        this.lastWrite = store.clock().instant();
    }

    /** Returns the record as it stands. */
    public synchronized RunRecord snapshot() {
        return run.build();
    }

    /** Returns the run's id. */
    public String id() {
        return id;
    }

    /** Appends a step; writes the record if the flush interval has passed. */
    public synchronized void step(RunStep step) {
        run.addStep(step);
        dirty = true;
        flushIfDue();
    }

    /** Records metrics of {@code split}; writes the record if the flush interval has passed. */
    public synchronized void metrics(String split, Map<String, Double> values) {
        values.forEach((k, v) -> run.putMetric(split, k, v));
        dirty = true;
        flushIfDue();
    }

    /** Replaces the record by {@code change} of it (for fields without their own method). */
    public synchronized void update(UnaryOperator<RunRecord> change) {
        run = change.apply(run.build()).toBuilder();
        dirty = true;
        flushIfDue();
    }

    /** Writes the record now if anything changed since the last write. */
    public synchronized void flush() {
        if (dirty) {
            store.save(run.build());
            lastWrite = store.clock().instant();
            dirty = false;
        }
    }

    private void flushIfDue() {
        Instant now = store.clock().instant();
        if (!now.isBefore(lastWrite.plus(flushInterval))) {
            flush();
        }
    }

    /** Marks the run completed, stamps its end, and writes it. */
    public synchronized void complete() {
        end(RunStatus.COMPLETED, null);
    }

    /** Marks the run failed with {@code error}'s message, stamps its end, and writes it. */
    public synchronized void fail(Throwable error) {
        end(RunStatus.FAILED, error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    /** Marks the run interrupted (stopped by the user), stamps its end, and writes it. */
    public synchronized void interrupt() {
        end(RunStatus.INTERRUPTED, null);
    }

    private void end(RunStatus status, String error) {
        Instant now = store.clock().instant();
        run.optStatus(status).optEndedAt(now);
        if (error != null) {
            run.optError(error);
        }
        RunTiming timing = run.timing;
        if (timing.trainSeconds() == null && run.kind == RunKind.FINETUNE) {
            run.optTrainSeconds(Duration.between(timing.startedAt(), now).toMillis() / 1000.0);
        }
        dirty = true;
        flush();
    }

    /** Ends a run that is still running as interrupted; otherwise writes pending changes. */
    @Override
    public synchronized void close() {
        if (run.status == RunStatus.RUNNING) {
            interrupt();
        } else {
            flush();
        }
    }
}
