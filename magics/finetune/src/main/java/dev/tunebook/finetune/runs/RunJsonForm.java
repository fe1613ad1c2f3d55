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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a {@link RunRecord}, field for field as schema version 1 stores it. The order
 * below is the order of the file (the fixtures under {@code src/test/resources/runs} hold it);
 * fields it does not name follow in {@link #extra}.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.NONE,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "schema_version",
    "id",
    "name",
    "kind",
    "status",
    "model",
    "dataset",
    "split",
    "method",
    "hyperparameters",
    "device",
    "steps",
    "metrics",
    "inference",
    "cost",
    "error",
    "started_at",
    "ended_at",
    "train_seconds",
    "examples_per_second",
    "train_tokens",
    "trainable_params",
    "total_params"
})
final class RunJsonForm {
    @JsonProperty("schema_version")
    int schemaVersion = RunRecord.SCHEMA_VERSION;

    @JsonProperty String id;
    @JsonProperty String name;
    @JsonProperty RunKind kind;
    @JsonProperty RunStatus status;
    @JsonProperty String model;
    @JsonProperty String dataset;
    @JsonProperty String split;
    @JsonProperty String method;

    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    Map<String, Object> hyperparameters = new LinkedHashMap<>();

    @JsonProperty String device;

    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    List<RunStep> steps = new ArrayList<>();

    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();

    @JsonProperty InferenceFigures inference;
    @JsonProperty Map<String, Object> cost;
    @JsonProperty String error;

    @JsonProperty("started_at")
    String startedAt;

    @JsonProperty("ended_at")
    String endedAt;

    @JsonProperty("train_seconds")
    Double trainSeconds;

    @JsonProperty("examples_per_second")
    Double examplesPerSecond;

    @JsonProperty("train_tokens")
    Long trainTokens;

    @JsonProperty("trainable_params")
    Long trainableParams;

    @JsonProperty("total_params")
    Long totalParams;

    private final Map<String, Object> extra = new LinkedHashMap<>();

    @JsonAnyGetter
    Map<String, Object> extra() {
        return extra;
    }

    @JsonAnySetter
    void putExtra(String key, Object value) {
        extra.put(key, value);
    }

    /** Returns the JSON shape of {@code r}. */
    static RunJsonForm of(RunRecord r) {
        RunJsonForm f = new RunJsonForm();
        f.schemaVersion = r.schemaVersion();
        f.id = r.id();
        f.name = r.name();
        f.kind = r.kind();
        f.status = r.status();
        f.model = r.model();
        f.dataset = r.dataset();
        f.split = r.split();
        f.method = r.method();
        f.hyperparameters = r.hyperparameters();
        f.device = r.device();
        f.steps = r.steps();
        f.metrics = r.metrics();
        f.inference = r.inference();
        f.cost = r.cost();
        f.error = r.error();
        f.startedAt = r.startedAt() == null ? null : r.startedAt().toString();
        f.endedAt = r.endedAt() == null ? null : r.endedAt().toString();
        f.trainSeconds = r.trainSeconds();
        f.examplesPerSecond = r.examplesPerSecond();
        f.trainTokens = r.trainTokens();
        f.trainableParams = r.trainableParams();
        f.totalParams = r.totalParams();
        f.extra.putAll(r.extra());
        return f;
    }

    /**
     * Returns the record this shape holds.
     *
     * @throws IllegalArgumentException if {@code id}, {@code name} or {@code kind} is missing, or a
     *     time is not an ISO-8601 instant
     */
    RunRecord toRecord() {
        if (id == null || kind == null || name == null) {
            throw new IllegalArgumentException("missing required field 'id', 'name' or 'kind'");
        }
        RunRecordBuilder b =
                RunRecord.builder(kind, name)
                        .optSchemaVersion(schemaVersion)
                        .optId(id)
                        .optStatus(status)
                        .optModel(model)
                        .optDataset(dataset)
                        .optSplit(split)
                        .optMethod(method)
                        .putHyperparameters(hyperparameters)
                        .optDevice(device)
                        .optInference(inference)
                        .optCost(cost)
                        .optError(error)
                        .optTiming(
                                new RunTiming(
                                        instant(startedAt),
                                        instant(endedAt),
                                        trainSeconds,
                                        examplesPerSecond))
                        .optSize(new RunSize(trainTokens, trainableParams, totalParams));
        steps.forEach(b::addStep);
        b.metrics.putAll(metrics);
        extra.forEach(b::putExtra);
        return b.build();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'started_at' or 'ended_at' is not an ISO-8601 instant: " + e.getParsedString(),
                    e);
        }
    }
}
