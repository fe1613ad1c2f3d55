package dev.tunebook.finetune.train;

/**
 * How AdamW steps: the peak learning rate, decoupled weight decay, the schedule and its warmup, and
 * global-norm gradient clipping. Each value is checked on construction; an error names the field
 * and what it allows.
 *
 * @param lr the peak learning rate, positive and finite (default 5e-5)
 * @param weightDecay AdamW's weight decay, not on biases and norms, {@code >= 0} (default 0.01)
 * @param schedule the schedule after warmup (default linear)
 * @param warmup the fraction of all optimizer steps spent warming up, in [0, 1] (default 0)
 * @param clip the global gradient norm clipped to, {@code >= 0}; 0 turns clipping off (default 1)
 */
public record OptimizerSettings(
        double lr, double weightDecay, ScheduleKind schedule, double warmup, double clip) {
    /** The defaults: those of transformers' {@code TrainingArguments}, weight decay 0.01. */
    public static final OptimizerSettings DEFAULTS =
            new OptimizerSettings(5e-5, 0.01, ScheduleKind.LINEAR, 0.0, 1.0);

    /** Checks every value. */
    public OptimizerSettings {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr: must be a positive number, was " + lr);
        }
        ConfigChecks.atLeastZero("weight-decay", weightDecay);
        ConfigChecks.notNull("schedule", schedule);
        if (!(warmup >= 0 && warmup <= 1)) {
            throw new IllegalArgumentException(
                    "warmup: must be a fraction in [0, 1], was " + warmup);
        }
        ConfigChecks.atLeastZero("clip", clip);
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** Returns a builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link OptimizerSettings}; every value is optional. Not thread-safe. */
    public static final class Builder {
        private OptimizerSettings value;

        private Builder(OptimizerSettings value) {
            this.value = value;
        }

        /** Sets the peak learning rate (default 5e-5). */
        public Builder optLr(double lr) {
            value =
                    new OptimizerSettings(
                            lr, value.weightDecay, value.schedule, value.warmup, value.clip);
            return this;
        }

        /** Sets AdamW's weight decay (default 0.01). */
        public Builder optWeightDecay(double weightDecay) {
            value =
                    new OptimizerSettings(
                            value.lr, weightDecay, value.schedule, value.warmup, value.clip);
            return this;
        }

        /** Sets the schedule (default linear). */
        public Builder optSchedule(ScheduleKind schedule) {
            value =
                    new OptimizerSettings(
                            value.lr, value.weightDecay, schedule, value.warmup, value.clip);
            return this;
        }

        /** Sets the warmup as a fraction of all steps, in [0, 1] (default 0). */
        public Builder optWarmup(double warmup) {
            value =
                    new OptimizerSettings(
                            value.lr, value.weightDecay, value.schedule, warmup, value.clip);
            return this;
        }

        /** Sets the global gradient norm to clip to; 0 disables clipping (default 1.0). */
        public Builder optClip(double clip) {
            value =
                    new OptimizerSettings(
                            value.lr, value.weightDecay, value.schedule, value.warmup, clip);
            return this;
        }

        /** Returns the settings. */
        public OptimizerSettings build() {
            return value;
        }
    }
}
