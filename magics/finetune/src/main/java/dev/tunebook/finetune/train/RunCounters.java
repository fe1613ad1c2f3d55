package dev.tunebook.finetune.train;

/**
 * Where a run stands: optimizer steps done, examples and tokens consumed, and its training clock,
 * which a resumed run continues from its checkpoint. Instances are not thread-safe.
 */
final class RunCounters {
    private final double secondsBefore;
    private long startNanos;
    private int step;
    private long examples;
    private long tokens;

    private RunCounters(int step, long examples, long tokens, double secondsBefore) {
        this.step = step;
        this.examples = examples;
        this.tokens = tokens;
        this.secondsBefore = secondsBefore;
        this.startNanos = System.nanoTime();
    }

    /** Returns the counters of a fresh run. */
    static RunCounters fresh() {
        return new RunCounters(0, 0, 0, 0);
    }

    /** Returns the counters of a run resumed from {@code state}. */
    static RunCounters restored(CheckpointState state) {
        return new RunCounters(
                state.step(), state.examplesSeen(), state.tokensSeen(), state.trainSeconds());
    }

    /** Starts the clock: {@link #seconds} counts from now on top of the seconds before. */
    void startClock() {
        startNanos = System.nanoTime();
    }

    /** Counts {@code rows} examples holding {@code rowTokens} tokens. */
    void consumed(int rows, long rowTokens) {
        examples += rows;
        tokens += rowTokens;
    }

    /** Counts a finished optimizer step. */
    void stepped() {
        step++;
    }

    /** Returns the optimizer steps done. */
    int step() {
        return step;
    }

    /** Returns the training examples consumed. */
    long examples() {
        return examples;
    }

    /** Returns the training tokens consumed. */
    long tokens() {
        return tokens;
    }

    /** Returns the seconds trained, a resumed run's earlier seconds included. */
    double seconds() {
        return secondsBefore + (System.nanoTime() - startNanos) / 1e9;
    }
}
