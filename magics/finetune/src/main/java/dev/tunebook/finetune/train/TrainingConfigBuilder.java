package dev.tunebook.finetune.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link TrainingConfig}. Every setter checks its value and throws an {@link
 * IllegalArgumentException} whose message starts with the option's name. All values are optional;
 * the defaults are those of transformers' {@code TrainingArguments} where it has one (lr 5e-5,
 * linear schedule, weight decay 0.01 here as in the reference runs, clip 1.0). Instances are not
 * thread-safe.
 */
public final class TrainingConfigBuilder {
    /** The option names, in the order they are written out. */
    static final List<String> KEYS =
            List.of(
                    "method",
                    "epochs",
                    "lr",
                    "batch",
                    "accumulate",
                    "max-length",
                    "rank",
                    "alpha",
                    "dropout",
                    "targets",
                    "schedule",
                    "warmup",
                    "clip",
                    "eval-every",
                    "early-stop",
                    "seed",
                    "device",
                    "freeze-layers",
                    "weight-decay",
                    "name",
                    "resume");

    private final Map<String, Object> values = new LinkedHashMap<>();

    TrainingConfigBuilder() {
        values.put("method", TrainingMethod.FULL);
        values.put("epochs", 3);
        values.put("lr", 5e-5);
        values.put("batch", 16);
        values.put("accumulate", 1);
        values.put("max-length", 128);
        values.put("rank", 8);
        values.put("alpha", 16.0);
        values.put("dropout", 0.0);
        values.put("targets", List.of());
        values.put("schedule", "linear");
        values.put("warmup", 0.0);
        values.put("clip", 1.0);
        values.put("eval-every", 0);
        values.put("early-stop", 0);
        values.put("seed", 42L);
        values.put("device", "auto");
        values.put("freeze-layers", 0);
        values.put("weight-decay", 0.01);
    }

    TrainingConfigBuilder(Map<String, Object> from) {
        values.putAll(from);
    }

    /**
     * Returns {@code key} in the canonical form: lower case, words joined by '-', with
     * transformers' names {@code batch_size} and {@code learning_rate} as {@code batch} and {@code
     * lr}.
     */
    static String canonicalKey(String key) {
        String kebab = key.trim().replaceAll("([a-z])([A-Z])", "$1-$2").replace('_', '-');
        String lower = kebab.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "batch-size" -> "batch";
            case "learning-rate" -> "lr";
            default -> lower;
        };
    }

    /**
     * Sets option {@code key} (any of {@link #KEYS}; {@code max_length}, {@code maxLength} and
     * {@code max-length} are the same) from its text.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming the key
     */
    public TrainingConfigBuilder set(String key, String text) {
        String k = canonicalKey(key);
        String v = text.trim();
        switch (k) {
            case "method" -> optMethod(TrainingMethod.parse(v));
            case "epochs", "batch", "accumulate", "max-length", "rank" ->
                    positive(k, parseInt(k, v));
            case "eval-every", "early-stop", "freeze-layers" -> atLeastZero(k, parseInt(k, v));
            case "lr" -> optLr(parseDouble(k, v));
            case "alpha" -> positive(k, parseDouble(k, v));
            case "dropout" -> optDropout(parseDouble(k, v));
            case "warmup" -> optWarmup(parseDouble(k, v));
            case "clip", "weight-decay" -> atLeastZero(k, parseDouble(k, v));
            case "targets" ->
                    optTargets(
                            v.isEmpty()
                                    ? List.of()
                                    : Arrays.stream(v.split(",")).map(String::trim).toList());
            case "schedule" -> optSchedule(v);
            case "seed" -> optSeed(parseLong(k, v));
            case "device" -> optDevice(v);
            case "name" -> optName(v);
            case "resume" -> optResume(v);
            default ->
                    throw new IllegalArgumentException(
                            key + ": unknown option; expected one of " + String.join(", ", KEYS));
        }
        return this;
    }

    /** Sets the method (default full). */
    public TrainingConfigBuilder optMethod(TrainingMethod value) {
        values.put("method", value);
        return this;
    }

    /** Sets the number of epochs (default 3). */
    public TrainingConfigBuilder optEpochs(int value) {
        return positive("epochs", value);
    }

    /** Sets the peak learning rate (default 5e-5). */
    public TrainingConfigBuilder optLr(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("lr: must be a positive number, was " + value);
        }
        values.put("lr", value);
        return this;
    }

    /** Sets the examples per micro-batch (default 16). */
    public TrainingConfigBuilder optBatch(int value) {
        return positive("batch", value);
    }

    /** Sets the micro-batches per optimizer step (default 1). */
    public TrainingConfigBuilder optAccumulate(int value) {
        return positive("accumulate", value);
    }

    /** Sets the length examples are truncated to (default 128). */
    public TrainingConfigBuilder optMaxLength(int value) {
        return positive("max-length", value);
    }

    /** Sets the LoRA rank (default 8). */
    public TrainingConfigBuilder optRank(int value) {
        return positive("rank", value);
    }

    /** Sets the LoRA alpha (default 16). */
    public TrainingConfigBuilder optAlpha(double value) {
        return positive("alpha", value);
    }

    /** Sets the LoRA dropout probability, in [0, 1) (default 0). */
    public TrainingConfigBuilder optDropout(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("dropout: must be in [0, 1), was " + value);
        }
        values.put("dropout", value);
        return this;
    }

    /** Sets the LoRA target modules (default: the model family's attention projections). */
    public TrainingConfigBuilder optTargets(List<String> value) {
        if (value.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("targets: empty module name in " + value);
        }
        values.put("targets", List.copyOf(value));
        return this;
    }

    /** Sets the schedule: constant, linear (default) or cosine. */
    public TrainingConfigBuilder optSchedule(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (!List.of("constant", "linear", "cosine").contains(name)) {
            throw new IllegalArgumentException(
                    "schedule: unknown schedule '"
                            + value
                            + "': expected constant, linear or cosine");
        }
        values.put("schedule", name);
        return this;
    }

    /** Sets the warmup as a fraction of all steps, in [0, 1] (default 0). */
    public TrainingConfigBuilder optWarmup(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(
                    "warmup: must be a fraction in [0, 1], was " + value);
        }
        values.put("warmup", value);
        return this;
    }

    /** Sets the global gradient norm to clip to; 0 disables clipping (default 1.0). */
    public TrainingConfigBuilder optClip(double value) {
        return atLeastZero("clip", value);
    }

    /** Sets the steps between evaluations; 0 (default) evaluates at each epoch's end. */
    public TrainingConfigBuilder optEvalEvery(int value) {
        return atLeastZero("eval-every", value);
    }

    /** Sets the early-stopping patience in evaluations; 0 (default) never stops early. */
    public TrainingConfigBuilder optEarlyStop(int value) {
        return atLeastZero("early-stop", value);
    }

    /** Sets the seed (default 42). */
    public TrainingConfigBuilder optSeed(long value) {
        values.put("seed", value);
        return this;
    }

    /**
     * Sets the devices: auto (default: every GPU, else the CPU), cpu, gpu (every GPU), gpu:N, or a
     * comma list such as gpu:0,gpu:1; several devices train data-parallel.
     */
    public TrainingConfigBuilder optDevice(String value) {
        String name = value.toLowerCase(Locale.ROOT).replace(" ", "");
        if (!name.matches("(auto|cpu|gpu|gpu:\\d+)(,(auto|cpu|gpu|gpu:\\d+))*")) {
            throw new IllegalArgumentException(
                    "device: unknown device '"
                            + value
                            + "': expected auto, cpu, gpu, gpu:N or a comma list of them");
        }
        values.put("device", name);
        return this;
    }

    /** Freezes the embeddings and the first {@code value} layers (default 0). */
    public TrainingConfigBuilder optFreezeLayers(int value) {
        return atLeastZero("freeze-layers", value);
    }

    /** Sets AdamW's weight decay (default 0.01). */
    public TrainingConfigBuilder optWeightDecay(double value) {
        return atLeastZero("weight-decay", value);
    }

    /** Sets the run's name (default: the method's name). */
    public TrainingConfigBuilder optName(String value) {
        values.put("name", nonBlank("name", value));
        return this;
    }

    /** Resumes the run with this id or name from its last checkpoint. */
    public TrainingConfigBuilder optResume(String value) {
        values.put("resume", nonBlank("resume", value));
        return this;
    }

    /** Returns the config. */
    public TrainingConfig build() {
        return TrainingConfig.of(values);
    }

    private TrainingConfigBuilder positive(String key, Number value) {
        if (!(value.doubleValue() > 0)) {
            throw new IllegalArgumentException(key + ": must be > 0, was " + value);
        }
        values.put(key, value);
        return this;
    }

    private TrainingConfigBuilder atLeastZero(String key, Number value) {
        if (!(value.doubleValue() >= 0) || Double.isInfinite(value.doubleValue())) {
            throw new IllegalArgumentException(key + ": must be >= 0, was " + value);
        }
        values.put(key, value);
        return this;
    }

    private static String nonBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": must not be blank");
        }
        return value.trim();
    }

    private static int parseInt(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an integer", e);
        }
    }

    private static long parseLong(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an integer", e);
        }
    }

    private static double parseDouble(String key, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a number", e);
        }
    }
}
