package dev.tunebook.finetune.runs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One baseline, fine-tune or evaluation as stored in the run store (schema in {@code
 * docs/run-store.md}). Fields a newer tunebook wrote and this one does not know are kept in {@link
 * #extra()} and written back unchanged.
 *
 * <p>Instances are mutable and not thread-safe; {@link RunRecorder} serialises its updates.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.NONE,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema_version", "id", "name", "kind", "status"})
public final class RunRecord {
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schema_version")
    private int schemaVersion = SCHEMA_VERSION;

    @JsonProperty private String id;
    @JsonProperty private String name;
    @JsonProperty private RunKind kind;
    @JsonProperty private RunStatus status;
    @JsonProperty private String model;
    @JsonProperty private String dataset;
    @JsonProperty private String split;
    @JsonProperty private String method;

    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private Map<String, Object> hyperparameters = new LinkedHashMap<>();

    @JsonProperty private String device;

    @JsonProperty("started_at")
    private String startedAt;

    @JsonProperty("ended_at")
    private String endedAt;

    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private List<RunStep> steps = new ArrayList<>();

    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();

    @JsonProperty("train_seconds")
    private Double trainSeconds;

    @JsonProperty("examples_per_second")
    private Double examplesPerSecond;

    @JsonProperty("train_tokens")
    private Long trainTokens;

    @JsonProperty("trainable_params")
    private Long trainableParams;

    @JsonProperty("total_params")
    private Long totalParams;

    @JsonProperty private InferenceFigures inference;
    @JsonProperty private Map<String, Object> cost;
    @JsonProperty private String error;

    private final Map<String, Object> extra = new LinkedHashMap<>();

    /** Creates an empty record of the given kind and name. */
    public static RunRecord of(RunKind kind, String name) {
        RunRecord r = new RunRecord();
        r.kind = kind;
        r.name = name;
        return r;
    }

    /** Returns the schema version the record was written with. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Returns the sortable run id (see {@link RunId}), or {@code null} if unset. */
    public String id() {
        return id;
    }

    /** Sets the sortable run id (see {@link RunId}); returns this record. */
    public RunRecord setId(String id) {
        this.id = id;
        return this;
    }

    /** Returns the user-facing name, or {@code null} if unset. */
    public String name() {
        return name;
    }

    /** Sets the user-facing name; returns this record. */
    public RunRecord setName(String name) {
        this.name = name;
        return this;
    }

    /** Returns what the run did, or {@code null} if unset. */
    public RunKind kind() {
        return kind;
    }

    /** Sets what the run did; returns this record. */
    public RunRecord setKind(RunKind kind) {
        this.kind = kind;
        return this;
    }

    /** Returns where the run stands, or {@code null} if unset. */
    public RunStatus status() {
        return status;
    }

    /** Sets where the run stands; returns this record. */
    public RunRecord setStatus(RunStatus status) {
        this.status = status;
        return this;
    }

    /** Returns the model name or path, or {@code null} if unset. */
    public String model() {
        return model;
    }

    /** Sets the model name or path; returns this record. */
    public RunRecord setModel(String model) {
        this.model = model;
        return this;
    }

    /** Returns the dataset name or path, or {@code null} if unset. */
    public String dataset() {
        return dataset;
    }

    /** Sets the dataset name or path; returns this record. */
    public RunRecord setDataset(String dataset) {
        this.dataset = dataset;
        return this;
    }

    /** Returns the split trained or evaluated on, or {@code null} if unset. */
    public String split() {
        return split;
    }

    /** Sets the split trained or evaluated on; returns this record. */
    public RunRecord setSplit(String split) {
        this.split = split;
        return this;
    }

    /**
     * Returns the method (zero-shot, few-shot, full, lora, head, ...), or {@code null} if unset.
     */
    public String method() {
        return method;
    }

    /** Sets the method (zero-shot, few-shot, full, lora, head, ...); returns this record. */
    public RunRecord setMethod(String method) {
        this.method = method;
        return this;
    }

    /** Returns the device the run ran on, or {@code null} if unset. */
    public String device() {
        return device;
    }

    /** Sets the device the run ran on; returns this record. */
    public RunRecord setDevice(String device) {
        this.device = device;
        return this;
    }

    /** Returns the failure message of a failed run, or {@code null} if unset. */
    public String error() {
        return error;
    }

    /** Sets the failure message of a failed run; returns this record. */
    public RunRecord setError(String error) {
        this.error = error;
        return this;
    }

    /** Returns wall-clock training seconds, or {@code null} if unset. */
    public Double trainSeconds() {
        return trainSeconds;
    }

    /** Sets wall-clock training seconds; returns this record. */
    public RunRecord setTrainSeconds(Double s) {
        this.trainSeconds = s;
        return this;
    }

    /** Returns training throughput in examples per second, or {@code null} if unset. */
    public Double examplesPerSecond() {
        return examplesPerSecond;
    }

    /** Sets training throughput in examples per second; returns this record. */
    public RunRecord setExamplesPerSecond(Double v) {
        this.examplesPerSecond = v;
        return this;
    }

    /** Returns tokens processed in training, or {@code null} if unset. */
    public Long trainTokens() {
        return trainTokens;
    }

    /** Sets tokens processed in training; returns this record. */
    public RunRecord setTrainTokens(Long tokens) {
        this.trainTokens = tokens;
        return this;
    }

    /** Returns the trainable parameter count, or {@code null} if unset. */
    public Long trainableParams() {
        return trainableParams;
    }

    /** Sets the trainable parameter count; returns this record. */
    public RunRecord setTrainableParams(Long n) {
        this.trainableParams = n;
        return this;
    }

    /** Returns the total parameter count, or {@code null} if unset. */
    public Long totalParams() {
        return totalParams;
    }

    /** Sets the total parameter count; returns this record. */
    public RunRecord setTotalParams(Long n) {
        this.totalParams = n;
        return this;
    }

    /** Returns the inference measurements, or {@code null} if unset. */
    public InferenceFigures inference() {
        return inference;
    }

    /** Sets the inference measurements; returns this record. */
    public RunRecord setInference(InferenceFigures f) {
        this.inference = f;
        return this;
    }

    /** Returns the stored cost figures, or {@code null} if unset. */
    public Map<String, Object> cost() {
        return cost;
    }

    /** Sets the stored cost figures; returns this record. */
    public RunRecord setCost(Map<String, Object> cost) {
        this.cost = cost;
        return this;
    }

    /** Returns the hyperparameters, mutable and in insertion order. */
    public Map<String, Object> hyperparameters() {
        return hyperparameters;
    }

    /** Returns the logged steps, mutable and in order. */
    public List<RunStep> steps() {
        return steps;
    }

    /** Returns metrics by split, then by name; mutable. */
    public Map<String, Map<String, Double>> metrics() {
        return metrics;
    }

    /** Records {@code value} as metric {@code name} on {@code split}. */
    public RunRecord putMetric(String split, String name, double value) {
        metrics.computeIfAbsent(split, s -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    /** Returns when the run started, or {@code null}. */
    public Instant startedAt() {
        return startedAt == null ? null : Instant.parse(startedAt);
    }

    /** Sets the start time (stored as ISO-8601). */
    public RunRecord setStartedAt(Instant t) {
        this.startedAt = t == null ? null : t.toString();
        return this;
    }

    /** Returns when the run ended, or {@code null} while it runs. */
    public Instant endedAt() {
        return endedAt == null ? null : Instant.parse(endedAt);
    }

    /** Sets the end time (stored as ISO-8601). */
    public RunRecord setEndedAt(Instant t) {
        this.endedAt = t == null ? null : t.toString();
        return this;
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
                .filter(m -> m.get(name) != null)
                .map(m -> m.get(name))
                .findFirst();
    }

    /** Returns fields this version does not know, as read; written back unchanged. */
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    @JsonAnySetter
    void putExtra(String key, Object value) {
        extra.put(key, value);
    }
}
