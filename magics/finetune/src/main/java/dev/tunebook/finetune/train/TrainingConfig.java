package dev.tunebook.finetune.train;

import dev.tunebook.finetune.lora.LoraConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that decides a fine-tuning run: method and epochs, the optimizer and its schedule,
 * batching, the LoRA shape, evaluation and early stopping, seed, devices, freezing, the run's name
 * and the run to resume. Build one with {@link #builder()}; every value is checked when set, and an
 * error names the field and what it allows ({@code lr: must be a positive number, was -1.0}).
 *
 * <p>{@link #toOptions} and {@link #fromOptions} are the form checkpoints store, {@link
 * #toHyperparameters} the one run records store.
 *
 * @param method what is trained (default full)
 * @param epochs passes over the training split, {@code > 0} (default 3)
 * @param optimizer learning rate, weight decay, schedule, warmup, clipping
 * @param batching batch size, accumulation, maximum length
 * @param lora the adapter's rank, alpha, dropout and targets (used by the LoRA method)
 * @param evaluation evaluation cadence and early stopping
 * @param seed the seed every random choice derives from (default 42)
 * @param device {@code auto} (every GPU, else the CPU), {@code cpu}, {@code gpu}, {@code gpu:N} or
 *     a comma list of them, lower case without spaces (default auto)
 * @param freezeLayers leading encoder/decoder layers kept frozen with the embeddings, {@code >= 0}
 * @param name the run's name, or null to name it after the method
 * @param resume the run (id or name) to resume from its last checkpoint, or null
 */
public record TrainingConfig(
        TrainingMethod method,
        int epochs,
        OptimizerSettings optimizer,
        BatchSettings batching,
        LoraConfig lora,
        EvaluationSettings evaluation,
        long seed,
        String device,
        int freezeLayers,
        String name,
        String resume) {
    /** The option names, in the order {@link #toOptions} writes them. */
    public static final List<String> OPTION_NAMES = TrainingConfigMap.KEYS;

    private static final String DEVICE = "(auto|cpu|gpu|gpu:\\d+)";

    /** Checks every value and normalises the device, name and resume. */
    public TrainingConfig {
        ConfigChecks.notNull("method", method);
        ConfigChecks.positive("epochs", epochs);
        ConfigChecks.notNull("optimizer", optimizer);
        ConfigChecks.notNull("batching", batching);
        lora = TrainingLora.of(ConfigChecks.notNull("lora", lora));
        ConfigChecks.notNull("evaluation", evaluation);
        device = device(ConfigChecks.notNull("device", device));
        ConfigChecks.atLeastZero("freeze-layers", freezeLayers);
        name = ConfigChecks.trimmedOrNull("name", name);
        resume = ConfigChecks.trimmedOrNull("resume", resume);
    }

    private static String device(String value) {
        String name = value.toLowerCase(Locale.ROOT).replace(" ", "");
        if (!name.matches(DEVICE + "(," + DEVICE + ")*")) {
            throw new IllegalArgumentException(
                    "device: unknown device '"
                            + value
                            + "': expected auto, cpu, gpu, gpu:N or a comma list of them");
        }
        return name;
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return new Builder(
                new TrainingConfig(
                        TrainingMethod.FULL,
                        3,
                        OptimizerSettings.DEFAULTS,
                        BatchSettings.DEFAULTS,
                        TrainingLora.DEFAULTS,
                        EvaluationSettings.DEFAULTS,
                        42L,
                        "auto",
                        0,
                        null,
                        null));
    }

    /** Returns a builder that starts from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the config that {@code options} (option name to text, as {@link #toOptions} writes
     * them and checkpoints store them) describe on top of the defaults.
     *
     * @throws IllegalArgumentException naming the unknown option or the bad value's field
     */
    public static TrainingConfig fromOptions(Map<String, String> options) {
        return TrainingConfigMap.read(options);
    }

    /**
     * Sets each of {@code options} (option name to text, in the form {@link #toOptions} writes) on
     * {@code builder}, in order, and returns it: how the magics apply option text they have parsed
     * and how a re-run applies its overrides.
     *
     * @throws IllegalArgumentException naming the option: a value that is not a number or that the
     *     builder refuses, or an unknown option (listing {@link #OPTION_NAMES})
     */
    public static Builder applyOptions(Builder builder, Map<String, String> options) {
        return TrainingConfigMap.apply(builder, options);
    }

    /** Returns the settings as option name to text, which {@link #fromOptions} reads back. */
    public Map<String, String> toOptions() {
        return TrainingConfigMap.options(this);
    }

    /** Returns the settings as a run record's hyperparameters (JSON values). */
    public Map<String, Object> toHyperparameters() {
        return TrainingConfigMap.hyperparameters(this);
    }

    /** Returns whether {@code o} is a config with the same settings. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig other && toOptions().equals(other.toOptions());
    }

    @Override
    public int hashCode() {
        return toOptions().hashCode();
    }

    @Override
    public String toString() {
        return "TrainingConfig" + toOptions();
    }

    /**
     * Builds a {@link TrainingConfig}; every value is optional, and each setter checks its value,
     * throwing an {@link IllegalArgumentException} whose message starts with the option's name. The
     * defaults are those of transformers' {@code TrainingArguments} where it has one (lr 5e-5,
     * linear schedule, clip 1.0; weight decay 0.01 here as in the reference runs). Not thread-safe.
     */
    public static final class Builder {
        private TrainingMethod method;
        private int epochs;
        private OptimizerSettings optimizer;
        private BatchSettings batching;
        private LoraConfig lora;
        private EvaluationSettings evaluation;
        private long seed;
        private String device;
        private int freezeLayers;
        private String name;
        private String resume;

        private Builder(TrainingConfig c) {
            method = c.method;
            epochs = c.epochs;
            optimizer = c.optimizer;
            batching = c.batching;
            lora = c.lora;
            evaluation = c.evaluation;
            seed = c.seed;
            device = c.device;
            freezeLayers = c.freezeLayers;
            name = c.name;
            resume = c.resume;
        }

        /** Sets the method (default full). */
        public Builder optMethod(TrainingMethod value) {
            method = ConfigChecks.notNull("method", value);
            return this;
        }

        /** Sets the number of epochs (default 3). */
        public Builder optEpochs(int value) {
            epochs = ConfigChecks.positive("epochs", value);
            return this;
        }

        /** Sets the optimizer's settings all at once. */
        public Builder optOptimizer(OptimizerSettings value) {
            optimizer = ConfigChecks.notNull("optimizer", value);
            return this;
        }

        /** Sets the peak learning rate (default 5e-5). */
        public Builder optLr(double value) {
            optimizer = optimizer.toBuilder().optLr(value).build();
            return this;
        }

        /** Sets AdamW's weight decay (default 0.01). */
        public Builder optWeightDecay(double value) {
            optimizer = optimizer.toBuilder().optWeightDecay(value).build();
            return this;
        }

        /** Sets the schedule (default linear). */
        public Builder optSchedule(ScheduleKind value) {
            optimizer = optimizer.toBuilder().optSchedule(value).build();
            return this;
        }

        /** Sets the warmup as a fraction of all steps, in [0, 1] (default 0). */
        public Builder optWarmup(double value) {
            optimizer = optimizer.toBuilder().optWarmup(value).build();
            return this;
        }

        /** Sets the global gradient norm to clip to; 0 disables clipping (default 1.0). */
        public Builder optClip(double value) {
            optimizer = optimizer.toBuilder().optClip(value).build();
            return this;
        }

        /** Sets the batching all at once. */
        public Builder optBatching(BatchSettings value) {
            batching = ConfigChecks.notNull("batching", value);
            return this;
        }

        /** Sets the examples per micro-batch (default 16). */
        public Builder optBatch(int value) {
            batching = batching.toBuilder().optBatch(value).build();
            return this;
        }

        /** Sets the micro-batches per optimizer step (default 1). */
        public Builder optAccumulate(int value) {
            batching = batching.toBuilder().optAccumulate(value).build();
            return this;
        }

        /** Sets the length examples are truncated to (default 128). */
        public Builder optMaxLength(int value) {
            batching = batching.toBuilder().optMaxLength(value).build();
            return this;
        }

        /**
         * Sets the LoRA shape all at once: rank, alpha, dropout and target modules (a target
         * pattern is refused); the task decides the rest.
         */
        public Builder optLora(LoraConfig value) {
            lora = TrainingLora.of(ConfigChecks.notNull("lora", value));
            return this;
        }

        /** Sets the LoRA rank (default 8). */
        public Builder optRank(int value) {
            lora = TrainingLora.withRank(lora, value);
            return this;
        }

        /** Sets the LoRA alpha (default 16). */
        public Builder optAlpha(double value) {
            lora = TrainingLora.withAlpha(lora, value);
            return this;
        }

        /** Sets the LoRA dropout probability, in [0, 1) (default 0). */
        public Builder optDropout(double value) {
            lora = TrainingLora.withDropout(lora, value);
            return this;
        }

        /** Sets the LoRA target modules (default: the model family's attention projections). */
        public Builder optTargets(List<String> value) {
            lora = TrainingLora.withTargets(lora, value);
            return this;
        }

        /** Sets the evaluation cadence and early stopping all at once. */
        public Builder optEvaluation(EvaluationSettings value) {
            evaluation = ConfigChecks.notNull("evaluation", value);
            return this;
        }

        /** Sets the steps between evaluations; 0 (default) evaluates at each epoch's end. */
        public Builder optEvalEvery(int value) {
            evaluation = evaluation.toBuilder().optEvalEvery(value).build();
            return this;
        }

        /** Sets the early-stopping patience in evaluations; 0 (default) never stops early. */
        public Builder optEarlyStop(int value) {
            evaluation = evaluation.toBuilder().optEarlyStop(value).build();
            return this;
        }

        /** Sets the seed (default 42). */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /**
         * Sets the devices: auto (default: every GPU, else the CPU), cpu, gpu (every GPU), gpu:N,
         * or a comma list such as gpu:0,gpu:1; several devices train data-parallel.
         */
        public Builder optDevice(String value) {
            device = device(ConfigChecks.notNull("device", value));
            return this;
        }

        /** Freezes the embeddings and the first {@code value} layers (default 0). */
        public Builder optFreezeLayers(int value) {
            freezeLayers = ConfigChecks.atLeastZero("freeze-layers", value);
            return this;
        }

        /** Sets the run's name (default: the method's name). */
        public Builder optName(String value) {
            name = ConfigChecks.trimmedOrNull("name", nonNull("name", value));
            return this;
        }

        /** Resumes the run with this id or name from its last checkpoint. */
        public Builder optResume(String value) {
            resume = ConfigChecks.trimmedOrNull("resume", nonNull("resume", value));
            return this;
        }

        /** Returns the config. */
        public TrainingConfig build() {
            return new TrainingConfig(
                    method,
                    epochs,
                    optimizer,
                    batching,
                    lora,
                    evaluation,
                    seed,
                    device,
                    freezeLayers,
                    name,
                    resume);
        }

        private static String nonNull(String field, String value) {
            if (value == null) {
                throw new IllegalArgumentException(field + ": must not be blank");
            }
            return value;
        }
    }
}
