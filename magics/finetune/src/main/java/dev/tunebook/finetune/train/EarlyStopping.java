package dev.tunebook.finetune.train;

/**
 * Which validation was the best so far and whether the run should stop: after {@code patience}
 * evaluations in a row that do not improve on the best value of the selection metric (higher for
 * {@code accuracy}, lower for {@code loss}). Patience 0 never stops. Instances are not thread-safe.
 */
final class EarlyStopping {
    private final int patience;
    private final boolean higherIsBetter;
    private Double best;
    private int bestStep;
    private int evalsWithoutImprovement;

    /** Creates the policy of a fresh run that selects by {@code metric}. */
    EarlyStopping(int patience, String metric) {
        this.patience = patience;
        this.higherIsBetter = "accuracy".equals(metric);
    }

    /** Creates the policy of a run resumed from a checkpoint written in {@code state}. */
    static EarlyStopping restored(int patience, String metric, CheckpointState state) {
        EarlyStopping stopping = new EarlyStopping(patience, metric);
        stopping.best = state.bestMetric();
        stopping.bestStep = state.bestStep();
        stopping.evalsWithoutImprovement = state.evalsWithoutImprovement();
        return stopping;
    }

    /**
     * Records the selection metric's {@code value} after {@code step} steps (null when the
     * evaluation had none, which changes nothing) and returns whether it is the new best.
     */
    boolean observe(int step, Double value) {
        if (value == null) {
            return false;
        }
        if (best == null || (higherIsBetter ? value > best : value < best)) {
            best = value;
            bestStep = step;
            evalsWithoutImprovement = 0;
            return true;
        }
        evalsWithoutImprovement++;
        return false;
    }

    /** Returns whether the run should stop now. */
    boolean shouldStop() {
        return patience > 0 && evalsWithoutImprovement >= patience;
    }

    /** Returns why the run stops after {@code step} steps. */
    String reason(int step) {
        return "stopped early at step " + step + ": no improvement in " + patience + " evaluations";
    }

    /** Returns the best value so far, or null. */
    Double best() {
        return best;
    }

    /** Returns the step of the best value, or 0. */
    int bestStep() {
        return bestStep;
    }

    /** Returns the evaluations since the best one. */
    int evalsWithoutImprovement() {
        return evalsWithoutImprovement;
    }
}
