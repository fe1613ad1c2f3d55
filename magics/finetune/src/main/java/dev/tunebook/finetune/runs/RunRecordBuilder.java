package dev.tunebook.finetune.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds a {@link RunRecord}. The kind and name are required ({@link #setKind}, {@link #setName});
 * everything else is optional, and an {@code optX} given {@code null} leaves the field unset.
 *
 * <p>Instances are not thread-safe.
 */
public final class RunRecordBuilder {
    int schemaVersion = RunRecord.SCHEMA_VERSION;
    String id;
    String name;
    RunKind kind;
    RunStatus status;
    String model;
    String dataset;
    String split;
    String method;
    String device;
    String error;
    final Map<String, Object> hyperparameters = new LinkedHashMap<>();
    final List<RunStep> steps = new ArrayList<>();
    final Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
    RunTiming timing = RunTiming.NONE;
    RunSize size = RunSize.NONE;
    InferenceFigures inference;
    Map<String, Object> cost;
    final Map<String, Object> extra = new LinkedHashMap<>();

    RunRecordBuilder() {}

    RunRecordBuilder(RunRecord r) {
        schemaVersion = r.schemaVersion();
        id = r.id();
        name = r.name();
        kind = r.kind();
        status = r.status();
        model = r.model();
        dataset = r.dataset();
        split = r.split();
        method = r.method();
        device = r.device();
        error = r.error();
        hyperparameters.putAll(r.hyperparameters());
        steps.addAll(r.steps());
        r.metrics().forEach((s, m) -> metrics.put(s, m == null ? null : new LinkedHashMap<>(m)));
        timing = r.timing();
        size = r.size();
        inference = r.inference();
        cost = r.cost();
        extra.putAll(r.extra());
    }

    /** Sets what the run did (required). */
    public RunRecordBuilder setKind(RunKind kind) {
        this.kind = kind;
        return this;
    }

    /** Sets the user-facing name (required). */
    public RunRecordBuilder setName(String name) {
        this.name = name;
        return this;
    }

    RunRecordBuilder optSchemaVersion(int version) {
        this.schemaVersion = version;
        return this;
    }

    /** Sets the sortable run id (see {@link RunId}); the store assigns one if unset. */
    public RunRecordBuilder optId(String id) {
        this.id = id;
        return this;
    }

    /** Sets where the run stands; the store sets {@code running} if unset. */
    public RunRecordBuilder optStatus(RunStatus status) {
        this.status = status;
        return this;
    }

    /** Sets the model name or path. */
    public RunRecordBuilder optModel(String model) {
        this.model = model;
        return this;
    }

    /** Sets the dataset name or path. */
    public RunRecordBuilder optDataset(String dataset) {
        this.dataset = dataset;
        return this;
    }

    /** Sets the split trained or evaluated on. */
    public RunRecordBuilder optSplit(String split) {
        this.split = split;
        return this;
    }

    /** Sets the method (zero-shot, few-shot, full, lora, head, ...). */
    public RunRecordBuilder optMethod(String method) {
        this.method = method;
        return this;
    }

    /** Sets the device the run ran on. */
    public RunRecordBuilder optDevice(String device) {
        this.device = device;
        return this;
    }

    /** Sets the failure message of a failed run. */
    public RunRecordBuilder optError(String error) {
        this.error = error;
        return this;
    }

    /** Sets hyperparameter {@code key} (a {@code null} value is stored as JSON {@code null}). */
    public RunRecordBuilder putHyperparameter(String key, Object value) {
        hyperparameters.put(key, value);
        return this;
    }

    /** Sets every hyperparameter of {@code values}, in its order. */
    public RunRecordBuilder putHyperparameters(Map<String, ?> values) {
        hyperparameters.putAll(values);
        return this;
    }

    /** Appends a logged step. */
    public RunRecordBuilder addStep(RunStep step) {
        steps.add(step);
        return this;
    }

    /** Removes the logged steps {@code drop} accepts (a resumed run drops those past its state). */
    public RunRecordBuilder removeSteps(Predicate<RunStep> drop) {
        steps.removeIf(drop);
        return this;
    }

    /** Records {@code value} as metric {@code name} on {@code split}. */
    public RunRecordBuilder putMetric(String split, String name, double value) {
        metrics.computeIfAbsent(split, s -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    /** Removes every metric. */
    public RunRecordBuilder clearMetrics() {
        metrics.clear();
        return this;
    }

    /** Sets when the run ran and how fast it trained, all four fields at once. */
    public RunRecordBuilder optTiming(RunTiming timing) {
        this.timing = timing == null ? RunTiming.NONE : timing;
        return this;
    }

    /** Sets the start time. */
    public RunRecordBuilder optStartedAt(Instant t) {
        timing =
                new RunTiming(
                        t, timing.endedAt(), timing.trainSeconds(), timing.examplesPerSecond());
        return this;
    }

    /** Sets the end time. */
    public RunRecordBuilder optEndedAt(Instant t) {
        timing =
                new RunTiming(
                        timing.startedAt(), t, timing.trainSeconds(), timing.examplesPerSecond());
        return this;
    }

    /** Sets wall-clock training seconds. */
    public RunRecordBuilder optTrainSeconds(Double s) {
        timing = new RunTiming(timing.startedAt(), timing.endedAt(), s, timing.examplesPerSecond());
        return this;
    }

    /** Sets training throughput in examples per second. */
    public RunRecordBuilder optExamplesPerSecond(Double v) {
        timing = new RunTiming(timing.startedAt(), timing.endedAt(), timing.trainSeconds(), v);
        return this;
    }

    /** Sets tokens processed and parameter counts, all three at once. */
    public RunRecordBuilder optSize(RunSize size) {
        this.size = size == null ? RunSize.NONE : size;
        return this;
    }

    /** Sets tokens processed in training. */
    public RunRecordBuilder optTrainTokens(Long tokens) {
        size = new RunSize(tokens, size.trainableParams(), size.totalParams());
        return this;
    }

    /** Sets the trainable parameter count. */
    public RunRecordBuilder optTrainableParams(Long n) {
        size = new RunSize(size.trainTokens(), n, size.totalParams());
        return this;
    }

    /** Sets the total parameter count. */
    public RunRecordBuilder optTotalParams(Long n) {
        size = new RunSize(size.trainTokens(), size.trainableParams(), n);
        return this;
    }

    /** Sets the inference measurements. */
    public RunRecordBuilder optInference(InferenceFigures figures) {
        this.inference = figures;
        return this;
    }

    /** Sets the cost figures (as {@code CostEstimate.toRecordCost()} writes them). */
    public RunRecordBuilder optCost(Map<String, Object> cost) {
        this.cost = cost;
        return this;
    }

    /**
     * Sets field {@code key} outside the typed ones (checkpoints, evaluates, generations, ...); it
     * is written after them, in the order first set.
     */
    public RunRecordBuilder putExtra(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /**
     * Returns the record.
     *
     * @throws IllegalStateException naming the field if the kind or name is unset
     */
    public RunRecord build() {
        if (kind == null) {
            throw new IllegalStateException("a run record needs 'kind': call setKind");
        }
        if (name == null) {
            throw new IllegalStateException("a run record needs 'name': call setName");
        }
        return new RunRecord(this);
    }
}
