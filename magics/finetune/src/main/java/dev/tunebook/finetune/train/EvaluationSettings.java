package dev.tunebook.finetune.train;

/**
 * When a run evaluates on the validation split and when it stops early. The metric watched is the
 * task's (validation accuracy, else loss). Each value must be {@code >= 0}; an error names the
 * field.
 *
 * @param evalEvery optimizer steps between evaluations; 0 evaluates at each epoch's end (default)
 * @param earlyStop evaluations without improvement that stop training; 0 never stops (default)
 */
public record EvaluationSettings(int evalEvery, int earlyStop) {
    /** The defaults: evaluate at each epoch's end, never stop early. */
    public static final EvaluationSettings DEFAULTS = new EvaluationSettings(0, 0);

    /** Checks every value. */
    public EvaluationSettings {
        ConfigChecks.atLeastZero("eval-every", evalEvery);
        ConfigChecks.atLeastZero("early-stop", earlyStop);
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** Returns a builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link EvaluationSettings}; every value is optional. Not thread-safe. */
    public static final class Builder {
        private EvaluationSettings value;

        private Builder(EvaluationSettings value) {
            this.value = value;
        }

        /** Sets the steps between evaluations; 0 (default) evaluates at each epoch's end. */
        public Builder optEvalEvery(int evalEvery) {
            value = new EvaluationSettings(evalEvery, value.earlyStop);
            return this;
        }

        /** Sets the early-stopping patience in evaluations; 0 (default) never stops early. */
        public Builder optEarlyStop(int earlyStop) {
            value = new EvaluationSettings(value.evalEvery, earlyStop);
            return this;
        }

        /** Returns the settings. */
        public EvaluationSettings build() {
            return value;
        }
    }
}
