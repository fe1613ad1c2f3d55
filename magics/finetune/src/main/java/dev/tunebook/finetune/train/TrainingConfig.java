package dev.tunebook.finetune.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides a fine-tuning run: method, epochs, rates, batching, LoRA shape, schedule,
 * clipping, evaluation cadence, early stopping, seed, device, freezing, name and the run to resume.
 * Build one with {@link #builder()} or from option text with {@link #fromOptions}; every value is
 * checked when set, and an error names the field. Instances are immutable.
 */
public final class TrainingConfig {
    private final Map<String, Object> values;

    private TrainingConfig(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** Returns a builder holding the defaults. */
    public static TrainingConfigBuilder builder() {
        return new TrainingConfigBuilder();
    }

    /**
     * Returns the config that {@code options} (option name to text, as {@link TrainingOptions}
     * parses them) describe on top of the defaults.
     *
     * @throws IllegalArgumentException naming the unknown option or the bad value's field
     */
    public static TrainingConfig fromOptions(Map<String, String> options) {
        TrainingConfigBuilder builder = builder();
        options.forEach(builder::set);
        return builder.build();
    }

    static TrainingConfig of(Map<String, Object> values) {
        return new TrainingConfig(values);
    }

    /** Returns the method. */
    public TrainingMethod method() {
        return (TrainingMethod) values.get("method");
    }

    /** Returns the number of epochs. */
    public int epochs() {
        return (int) values.get("epochs");
    }

    /** Returns the peak learning rate. */
    public double lr() {
        return (double) values.get("lr");
    }

    /** Returns the examples per micro-batch. */
    public int batch() {
        return (int) values.get("batch");
    }

    /** Returns the micro-batches whose gradients make one optimizer step. */
    public int accumulate() {
        return (int) values.get("accumulate");
    }

    /** Returns the length examples are truncated to. */
    public int maxLength() {
        return (int) values.get("max-length");
    }

    /** Returns the LoRA rank. */
    public int rank() {
        return (int) values.get("rank");
    }

    /** Returns the LoRA alpha. */
    public double alpha() {
        return (double) values.get("alpha");
    }

    /** Returns the LoRA dropout probability. */
    public double dropout() {
        return (double) values.get("dropout");
    }

    /** Returns the LoRA target modules; empty means the model family's usual attention ones. */
    @SuppressWarnings("unchecked")
    public List<String> targets() {
        return (List<String>) values.get("targets");
    }

    /** Returns the schedule name: {@code constant}, {@code linear} or {@code cosine}. */
    public String schedule() {
        return (String) values.get("schedule");
    }

    /** Returns the fraction of all steps spent warming up. */
    public double warmup() {
        return (double) values.get("warmup");
    }

    /** Returns the global gradient norm clipped to; 0 means no clipping. */
    public double clip() {
        return (double) values.get("clip");
    }

    /** Returns the steps between evaluations; 0 means at the end of each epoch. */
    public int evalEvery() {
        return (int) values.get("eval-every");
    }

    /** Returns the evaluations without improvement that stop training; 0 means never stop. */
    public int earlyStop() {
        return (int) values.get("early-stop");
    }

    /** Returns the seed. */
    public long seed() {
        return (long) values.get("seed");
    }

    /** Returns the device asked for: {@code auto}, {@code cpu} or {@code gpu}. */
    public String device() {
        return (String) values.get("device");
    }

    /** Returns the number of leading encoder/decoder layers kept frozen (with the embeddings). */
    public int freezeLayers() {
        return (int) values.get("freeze-layers");
    }

    /** Returns AdamW's decoupled weight decay. */
    public double weightDecay() {
        return (double) values.get("weight-decay");
    }

    /** Returns the run's name, or null to name it after the method. */
    public String name() {
        return (String) values.get("name");
    }

    /** Returns the run (id or name) to resume, or null to start afresh. */
    public String resume() {
        return (String) values.get("resume");
    }

    /** Returns a builder that starts from this config. */
    public TrainingConfigBuilder toBuilder() {
        return new TrainingConfigBuilder(values);
    }

    /** Returns the settings as option name to text, which {@link #fromOptions} reads back. */
    public Map<String, String> toOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        TrainingConfigBuilder.KEYS.forEach(
                key -> {
                    Object value = values.get(key);
                    if (value != null) {
                        out.put(key, text(value));
                    }
                });
        return out;
    }

    /** Returns the settings as a run record's hyperparameters (JSON values). */
    public Map<String, Object> toHyperparameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        TrainingConfigBuilder.KEYS.forEach(
                key -> {
                    Object value = values.get(key);
                    if (value != null && !key.equals("resume") && !key.equals("name")) {
                        out.put(
                                key.replace('-', '_'),
                                value instanceof Enum<?> ? text(value) : value);
                    }
                });
        return out;
    }

    private static String text(Object value) {
        if (value instanceof TrainingMethod method) {
            return method.id();
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return "TrainingConfig" + toOptions();
    }
}
