package dev.tunebook.finetune.train;

/**
 * Which micro-batches end an optimizer step when gradients of several micro-batches are summed
 * before each step, and by how much each micro-batch's loss is scaled so that the summed gradient
 * is the mean over the group. The last group of an epoch may be shorter; its losses are scaled by
 * its own size. Instances are immutable.
 */
public final class GradientAccumulation {
    private final int microBatches;

    /**
     * Creates accumulation over {@code microBatches} micro-batches per optimizer step (1 = none).
     */
    public GradientAccumulation(int microBatches) {
        if (microBatches < 1) {
            throw new IllegalArgumentException("accumulation must be >= 1, was " + microBatches);
        }
        this.microBatches = microBatches;
    }

    /** Returns the number of micro-batches per optimizer step. */
    public int microBatches() {
        return microBatches;
    }

    /** Returns whether micro-batch {@code index} (0-based, of {@code perEpoch}) ends a step. */
    public boolean endsStep(int index, int perEpoch) {
        return (index + 1) % microBatches == 0 || index + 1 == perEpoch;
    }

    /**
     * Returns the factor the loss of micro-batch {@code index} (of {@code perEpoch}) is scaled by.
     */
    public double lossScale(int index, int perEpoch) {
        int groupStart = index - index % microBatches;
        int groupSize = Math.min(microBatches, perEpoch - groupStart);
        return 1.0 / groupSize;
    }

    /** Returns the optimizer steps one epoch of {@code perEpoch} micro-batches takes. */
    public int stepsPerEpoch(int perEpoch) {
        return (perEpoch + microBatches - 1) / microBatches;
    }
}
