package dev.tunebook.finetune.train;

/**
 * How examples are batched: examples per micro-batch, micro-batches per optimizer step, and the
 * length examples are truncated to. Each value must be {@code > 0}; an error names the field.
 *
 * @param batch examples per micro-batch (default 16)
 * @param accumulate micro-batches whose gradients make one optimizer step (default 1)
 * @param maxLength tokens an example is truncated to (default 128)
 */
public record BatchSettings(int batch, int accumulate, int maxLength) {
    /** The defaults: batch 16, accumulate 1, max length 128. */
    public static final BatchSettings DEFAULTS = new BatchSettings(16, 1, 128);

    /** Checks every value. */
    public BatchSettings {
        ConfigChecks.positive("batch", batch);
        ConfigChecks.positive("accumulate", accumulate);
        ConfigChecks.positive("max-length", maxLength);
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** Returns a builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link BatchSettings}; every value is optional. Not thread-safe. */
    public static final class Builder {
        private BatchSettings value;

        private Builder(BatchSettings value) {
            this.value = value;
        }

        /** Sets the examples per micro-batch (default 16). */
        public Builder optBatch(int batch) {
            value = new BatchSettings(batch, value.accumulate, value.maxLength);
            return this;
        }

        /** Sets the micro-batches per optimizer step (default 1). */
        public Builder optAccumulate(int accumulate) {
            value = new BatchSettings(value.batch, accumulate, value.maxLength);
            return this;
        }

        /** Sets the length examples are truncated to (default 128). */
        public Builder optMaxLength(int maxLength) {
            value = new BatchSettings(value.batch, value.accumulate, maxLength);
            return this;
        }

        /** Returns the settings. */
        public BatchSettings build() {
            return value;
        }
    }
}
