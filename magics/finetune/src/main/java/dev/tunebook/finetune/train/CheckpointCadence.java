package dev.tunebook.finetune.train;

/**
 * The step plan of a {@link Trainer} run: how many optimizer steps it takes, which steps end an
 * epoch, and after which steps a validation and a checkpoint are due: every {@code evalEvery} steps
 * (every epoch when it is 0) and after the last step. Instances are immutable.
 *
 * @param total the optimizer steps of the run
 * @param stepsPerEpoch the optimizer steps of one epoch
 * @param evalEvery steps between validations, or 0 for one per epoch
 */
record CheckpointCadence(int total, int stepsPerEpoch, int evalEvery) {
    /** Returns the plan of {@code epochs} epochs of {@code stepsPerEpoch} steps each. */
    static CheckpointCadence of(int epochs, int stepsPerEpoch, int evalEvery) {
        return new CheckpointCadence(epochs * stepsPerEpoch, stepsPerEpoch, evalEvery);
    }

    /** Returns whether a validation and a checkpoint are due after {@code step} steps. */
    boolean due(int step) {
        boolean cadence = evalEvery > 0 ? step % evalEvery == 0 : step % stepsPerEpoch == 0;
        return cadence || step == total;
    }

    /** Returns whether {@code step} steps end an epoch. */
    boolean endsEpoch(int step) {
        return stepsPerEpoch > 0 && step % stepsPerEpoch == 0;
    }

    /** Returns the fractional epoch after {@code step} steps. */
    double epoch(int step) {
        return (double) step / stepsPerEpoch;
    }
}
