package dev.tunebook.finetune.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One baseline, fine-tune or evaluation as stored in the run store (schema in {@code
 * docs/run-store.md}). Fields a newer tunebook wrote and this one does not know are kept in {@link
 * #extra()} and written back unchanged.
 *
 * <p>Instances are immutable and thread-safe: every collection they return is unmodifiable (maps
 * and lists nested in hyperparameters, cost and extra fields too). Change one with a {@code withX}
 * method or {@link #toBuilder()}.
 */
public final class RunRecord {
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    private final int schemaVersion;
    private final String id;
    private final String name;
    private final RunKind kind;
    private final RunStatus status;
    private final String model;
    private final String dataset;
    private final String split;
    private final String method;
    private final String device;
    private final String error;
    private final Map<String, Object> hyperparameters;
    private final List<RunStep> steps;
    private final Map<String, Map<String, Double>> metrics;
    private final RunTiming timing;
    private final RunSize size;
    private final InferenceFigures inference;
    private final Map<String, Object> cost;
    private final Map<String, Object> extra;

    RunRecord(RunRecordBuilder b) {
        schemaVersion = b.schemaVersion;
        id = b.id;
        name = b.name;
        kind = b.kind;
        status = b.status;
        model = b.model;
        dataset = b.dataset;
        split = b.split;
        method = b.method;
        device = b.device;
        error = b.error;
        hyperparameters = FrozenValues.map(b.hyperparameters);
        steps = FrozenValues.list(b.steps);
        metrics = FrozenValues.metrics(b.metrics);
        timing = b.timing;
        size = b.size;
        inference = b.inference;
        cost = FrozenValues.map(b.cost);
        extra = FrozenValues.map(b.extra);
    }

    /** Returns a builder with nothing set. */
    public static RunRecordBuilder builder() {
        return new RunRecordBuilder();
    }

    /** Returns a builder of a record of the given kind and name. */
    public static RunRecordBuilder builder(RunKind kind, String name) {
        return new RunRecordBuilder().setKind(kind).setName(name);
    }

    /** Creates a record of the given kind and name with nothing else set. */
    public static RunRecord of(RunKind kind, String name) {
        return builder(kind, name).build();
    }

    /** Returns a builder holding everything this record holds. */
    public RunRecordBuilder toBuilder() {
        return new RunRecordBuilder(this);
    }

    /** Returns the schema version the record was written with. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Returns the sortable run id (see {@link RunId}), or {@code null} if unset. */
    public String id() {
        return id;
    }

    /** Returns the user-facing name. */
    public String name() {
        return name;
    }

    /** Returns what the run did. */
    public RunKind kind() {
        return kind;
    }

    /** Returns where the run stands, or {@code null} if unset. */
    public RunStatus status() {
        return status;
    }

    /** Returns the model name or path, or {@code null} if unset. */
    public String model() {
        return model;
    }

    /** Returns the dataset name or path, or {@code null} if unset. */
    public String dataset() {
        return dataset;
    }

    /** Returns the split trained or evaluated on, or {@code null} if unset. */
    public String split() {
        return split;
    }

    /**
     * Returns the method (zero-shot, few-shot, full, lora, head, ...), or {@code null} if unset.
     */
    public String method() {
        return method;
    }

    /** Returns the device the run ran on, or {@code null} if unset. */
    public String device() {
        return device;
    }

    /** Returns the failure message of a failed run, or {@code null} if unset. */
    public String error() {
        return error;
    }

    /** Returns the hyperparameters in insertion order (values may be {@code null}). */
    public Map<String, Object> hyperparameters() {
        return hyperparameters;
    }

    /** Returns the logged steps in order. */
    public List<RunStep> steps() {
        return steps;
    }

    /** Returns metrics by split, then by name. */
    public Map<String, Map<String, Double>> metrics() {
        return metrics;
    }

    /** Returns when the run ran and how fast it trained. */
    public RunTiming timing() {
        return timing;
    }

    /** Returns tokens processed and parameter counts. */
    public RunSize size() {
        return size;
    }

    /** Returns when the run started, or {@code null}. */
    public Instant startedAt() {
        return timing.startedAt();
    }

    /** Returns when the run ended, or {@code null} while it runs. */
    public Instant endedAt() {
        return timing.endedAt();
    }

    /** Returns wall-clock training seconds, or {@code null} if unset. */
    public Double trainSeconds() {
        return timing.trainSeconds();
    }

    /** Returns training throughput in examples per second, or {@code null} if unset. */
    public Double examplesPerSecond() {
        return timing.examplesPerSecond();
    }

    /** Returns tokens processed in training, or {@code null} if unset. */
    public Long trainTokens() {
        return size.trainTokens();
    }

    /** Returns the trainable parameter count, or {@code null} if unset. */
    public Long trainableParams() {
        return size.trainableParams();
    }

    /** Returns the total parameter count, or {@code null} if unset. */
    public Long totalParams() {
        return size.totalParams();
    }

    /** Returns the inference measurements, or {@code null} if unset. */
    public InferenceFigures inference() {
        return inference;
    }

    /** Returns the stored cost figures, or {@code null} if unset. */
    public Map<String, Object> cost() {
        return cost;
    }

    /** Returns fields this version does not know (or keeps by name), as read, in order. */
    public Map<String, Object> extra() {
        return extra;
    }

    /**
     * Returns metric {@code name} from the most telling split: {@code test}, then {@code
     * validation}, {@code eval}, {@code val}, then any split in stored order.
     */
    public Optional<Double> metric(String name) {
        for (String split : MainMetric.SPLIT_PREFERENCE) {
            Map<String, Double> m = metrics.get(split);
            if (m != null && m.get(name) != null) {
                return Optional.of(m.get(name));
            }
        }
        return metrics.values().stream()
                .filter(m -> m != null && m.get(name) != null)
                .map(m -> m.get(name))
                .findFirst();
    }

    /** Returns a copy with id {@code id}. */
    public RunRecord withId(String id) {
        return toBuilder().optId(id).build();
    }

    /** Returns a copy with status {@code status}. */
    public RunRecord withStatus(RunStatus status) {
        return toBuilder().optStatus(status).build();
    }

    /** Returns a copy with inference figures {@code figures}. */
    public RunRecord withInference(InferenceFigures figures) {
        return toBuilder().optInference(figures).build();
    }

    /** Returns a copy with cost figures {@code cost}. */
    public RunRecord withCost(Map<String, Object> cost) {
        return toBuilder().optCost(cost).build();
    }

    /** Returns a copy whose extra field {@code key} is {@code value}. */
    public RunRecord withExtra(String key, Object value) {
        return toBuilder().putExtra(key, value).build();
    }

    /** Returns a copy whose hyperparameter {@code key} is {@code value}. */
    public RunRecord withHyperparameter(String key, Object value) {
        return toBuilder().putHyperparameter(key, value).build();
    }

    @Override
    public String toString() {
        return "RunRecord[" + kind.id() + " " + name + (id == null ? "" : " " + id) + "]";
    }
}
