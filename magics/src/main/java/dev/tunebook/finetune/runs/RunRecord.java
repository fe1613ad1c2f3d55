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

    // Accessors. Setters return this so a record reads as one expression.

    public int schemaVersion() {
        return schemaVersion;
    }

    public String id() {
        return id;
    }

    public RunRecord setId(String id) {
        this.id = id;
        return this;
    }

    public String name() {
        return name;
    }

    public RunRecord setName(String name) {
        this.name = name;
        return this;
    }

    public RunKind kind() {
        return kind;
    }

    public RunRecord setKind(RunKind kind) {
        this.kind = kind;
        return this;
    }

    public RunStatus status() {
        return status;
    }

    public RunRecord setStatus(RunStatus status) {
        this.status = status;
        return this;
    }

    public String model() {
        return model;
    }

    public RunRecord setModel(String model) {
        this.model = model;
        return this;
    }

    public String dataset() {
        return dataset;
    }

    public RunRecord setDataset(String dataset) {
        this.dataset = dataset;
        return this;
    }

    public String split() {
        return split;
    }

    public RunRecord setSplit(String split) {
        this.split = split;
        return this;
    }

    public String method() {
        return method;
    }

    public RunRecord setMethod(String method) {
        this.method = method;
        return this;
    }

    public String device() {
        return device;
    }

    public RunRecord setDevice(String device) {
        this.device = device;
        return this;
    }

    public String error() {
        return error;
    }

    public RunRecord setError(String error) {
        this.error = error;
        return this;
    }

    public Double trainSeconds() {
        return trainSeconds;
    }

    public RunRecord setTrainSeconds(Double s) {
        this.trainSeconds = s;
        return this;
    }

    public Double examplesPerSecond() {
        return examplesPerSecond;
    }

    public RunRecord setExamplesPerSecond(Double v) {
        this.examplesPerSecond = v;
        return this;
    }

    public Long trainTokens() {
        return trainTokens;
    }

    public RunRecord setTrainTokens(Long tokens) {
        this.trainTokens = tokens;
        return this;
    }

    public Long trainableParams() {
        return trainableParams;
    }

    public RunRecord setTrainableParams(Long n) {
        this.trainableParams = n;
        return this;
    }

    public Long totalParams() {
        return totalParams;
    }

    public RunRecord setTotalParams(Long n) {
        this.totalParams = n;
        return this;
    }

    public InferenceFigures inference() {
        return inference;
    }

    public RunRecord setInference(InferenceFigures f) {
        this.inference = f;
        return this;
    }

    public Map<String, Object> cost() {
        return cost;
    }

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
