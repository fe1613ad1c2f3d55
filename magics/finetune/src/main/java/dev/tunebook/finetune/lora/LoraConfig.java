package dev.tunebook.finetune.lora;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a LoRA adapter adapts and how, as PEFT's {@code LoraConfig}: rank, alpha, dropout, the
 * target modules (names or one regular expression), Conv1D weights stored transposed, the modules
 * trained in full beside the adapter, the task type and the base model.
 *
 * <p>A module is a target when its dotted name equals a listed name or ends with {@code "." +
 * name}, or when the whole name matches the pattern; {@code "all-linear"} targets every projection
 * except the output head. Instances are immutable.
 */
public final class LoraConfig {
    /** The target value that selects every projection but the output head, as in PEFT. */
    public static final String ALL_LINEAR = "all-linear";

    private static final List<String> CLASSIFIER_HEADS = List.of("classifier", "score");

    /** PEFT's default targets by {@code model_type}, for the families this library runs. */
    private static final Map<String, List<String>> DEFAULT_TARGETS =
            Map.of(
                    "gpt2", List.of("c_attn"),
                    "llama", List.of("q_proj", "v_proj"),
                    "mistral", List.of("q_proj", "v_proj"),
                    "qwen2", List.of("q_proj", "v_proj"),
                    "bert", List.of("query", "value"));

    private final int rank;
    private final double alpha;
    private final double dropout;
    private final List<String> targetModules;
    private final String targetPattern;
    private final Pattern compiledPattern;
    private final boolean fanInFanOut;
    private final boolean rsLora;
    private final List<String> modulesToSave;
    private final String taskType;
    private final String baseModel;
    private final Map<String, Object> extraFields;

    private LoraConfig(Builder b) {
        rank = b.rank;
        alpha = b.alpha;
        dropout = b.dropout;
        targetModules = List.copyOf(b.targetModules);
        targetPattern = b.targetPattern;
        compiledPattern = targetPattern == null ? null : Pattern.compile(targetPattern);
        fanInFanOut = b.fanInFanOut;
        rsLora = b.rsLora;
        LinkedHashSet<String> save = new LinkedHashSet<>(b.modulesToSave);
        if ("SEQ_CLS".equals(b.taskType)) {
            save.addAll(CLASSIFIER_HEADS); // PEFT trains the new head of a classifier in full
        }
        modulesToSave = List.copyOf(save);
        taskType = b.taskType;
        baseModel = b.baseModel;
        extraFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraFields));
    }

    /**
     * Returns a new builder; {@link Builder#setRank} is required. Without targets, {@link
     * LoraModel} picks PEFT's default targets for the model's type.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads PEFT's {@code adapter_config.json}.
     *
     * @throws dev.tunebook.finetune.weights.WeightsFormatException naming the file and the field
     *     that is missing, malformed or asks for a LoRA variant this library does not implement
     */
    public static LoraConfig read(Path file) throws IOException {
        return AdapterConfigJson.read(file);
    }

    /** Writes this config as PEFT's {@code adapter_config.json}, atomically. */
    public void write(Path file) throws IOException {
        AdapterConfigJson.write(this, file);
    }

    /** Returns the rank {@code r} of the update. */
    public int rank() {
        return rank;
    }

    /** Returns {@code lora_alpha}. */
    public double alpha() {
        return alpha;
    }

    /** Returns the factor the update is scaled by: alpha / r, or alpha / sqrt(r) for rsLoRA. */
    public double scaling() {
        return rsLora ? alpha / Math.sqrt(rank) : alpha / rank;
    }

    /** Returns {@code lora_dropout}, the dropout applied to the input of the update in training. */
    public double dropout() {
        return dropout;
    }

    /** Returns the listed target names (empty when a pattern is used). */
    public List<String> targetModules() {
        return targetModules;
    }

    /** Returns the target regular expression, when the targets are one. */
    public Optional<String> targetPattern() {
        return Optional.ofNullable(targetPattern);
    }

    /** Returns whether the targets are stored {@code [in, out]} (GPT-2's Conv1D). */
    public boolean fanInFanOut() {
        return fanInFanOut;
    }

    /** Returns whether the scaling is rank-stabilised ({@code use_rslora}). */
    public boolean rsLora() {
        return rsLora;
    }

    /** Returns the modules trained in full and saved with the adapter. */
    public List<String> modulesToSave() {
        return modulesToSave;
    }

    /** Returns PEFT's task type ({@code CAUSAL_LM}, {@code SEQ_CLS}, ...), or {@code null}. */
    public String taskType() {
        return taskType;
    }

    /** Returns {@code base_model_name_or_path}, or {@code null}. */
    public String baseModel() {
        return baseModel;
    }

    /** Returns the fields read from a file that this class does not model, kept for writing. */
    Map<String, Object> extraFields() {
        return extraFields;
    }

    /**
     * Returns whether the module at dotted {@code name} is a LoRA target.
     *
     * @param outputHead whether the module is the model's output head ({@code all-linear} skips it)
     */
    public boolean targets(String name, boolean outputHead) {
        if (compiledPattern != null) {
            return compiledPattern.matcher(name).matches();
        }
        if (targetModules.contains(ALL_LINEAR)) {
            return !outputHead;
        }
        return matchesAny(name, targetModules);
    }

    /** Returns whether {@code name} is one of {@link #modulesToSave}. */
    public boolean savesInFull(String name) {
        return matchesAny(name, modulesToSave);
    }

    private static boolean matchesAny(String name, List<String> keys) {
        for (String key : keys) {
            if (name.equals(key) || name.endsWith("." + key)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether the config names its targets (modules or a pattern). */
    public boolean hasTargets() {
        return targetPattern != null || !targetModules.isEmpty();
    }

    /**
     * Returns this config if it names targets, else a copy with PEFT's default targets for {@code
     * modelType} ({@code q_proj, v_proj} for Llama, Qwen2 and Mistral, {@code c_attn} for GPT-2,
     * {@code query, value} for BERT).
     *
     * @throws IllegalArgumentException if PEFT has no default for {@code modelType}
     */
    public LoraConfig withDefaultTargets(String modelType) {
        if (hasTargets()) {
            return this;
        }
        List<String> targets = DEFAULT_TARGETS.get(modelType);
        if (targets == null) {
            throw new IllegalArgumentException(
                    "target_modules is not set and there is no default for model type "
                            + modelType
                            + "; name the modules to adapt");
        }
        return toBuilder().setTargetModules(targets).build();
    }

    /** Returns a builder holding this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder().setRank(rank).optAlpha(alpha).optDropout(dropout);
        b.targetModules = new ArrayList<>(targetModules);
        b.targetPattern = targetPattern;
        return b.optFanInFanOut(fanInFanOut)
                .optRsLora(rsLora)
                .optModulesToSave(modulesToSave)
                .optTaskType(taskType)
                .optBaseModel(baseModel)
                .optExtraFields(extraFields);
    }

    /** Builds a {@link LoraConfig}. Instances are not thread-safe. */
    public static final class Builder {
        private int rank;
        private double alpha = 8;
        private double dropout;
        private List<String> targetModules = List.of();
        private String targetPattern;
        private boolean fanInFanOut;
        private boolean rsLora;
        private List<String> modulesToSave = List.of();
        private String taskType;
        private String baseModel;
        private Map<String, Object> extraFields = Map.of();

        private Builder() {}

        /** Sets the rank {@code r} (at least 1). */
        public Builder setRank(int rank) {
            if (rank < 1) {
                throw new IllegalArgumentException("LoRA rank r must be at least 1, not " + rank);
            }
            this.rank = rank;
            return this;
        }

        /** Sets the targets as module names, e.g. {@code q_proj, v_proj} or {@code all-linear}. */
        public Builder setTargetModules(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("target_modules must name at least one module");
            }
            targetModules = List.copyOf(names);
            targetPattern = null;
            return this;
        }

        /** Sets the targets as a regular expression that must match a module's whole name. */
        public Builder setTargetPattern(String regex) {
            Pattern.compile(regex); // fail here, naming the pattern, rather than on first use
            targetPattern = regex;
            targetModules = List.of();
            return this;
        }

        /** Sets {@code lora_alpha} (default 8). */
        public Builder optAlpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Sets {@code lora_dropout} in [0, 1) (default 0). */
        public Builder optDropout(double dropout) {
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException(
                        "lora_dropout must be in [0, 1), not " + dropout);
            }
            this.dropout = dropout;
            return this;
        }

        /** Sets {@code fan_in_fan_out} (default false); Conv1D targets imply it anyway. */
        public Builder optFanInFanOut(boolean fanInFanOut) {
            this.fanInFanOut = fanInFanOut;
            return this;
        }

        /** Sets {@code use_rslora}: scale by alpha / sqrt(r) (default false). */
        public Builder optRsLora(boolean rsLora) {
            this.rsLora = rsLora;
            return this;
        }

        /** Sets {@code modules_to_save}, modules trained in full (e.g. {@code classifier}). */
        public Builder optModulesToSave(List<String> names) {
            modulesToSave = List.copyOf(names);
            return this;
        }

        /**
         * Sets {@code task_type}; {@code SEQ_CLS} also saves {@code classifier} and {@code score}.
         */
        public Builder optTaskType(String taskType) {
            this.taskType = taskType;
            return this;
        }

        /** Sets {@code base_model_name_or_path}. */
        public Builder optBaseModel(String baseModel) {
            this.baseModel = baseModel;
            return this;
        }

        Builder optExtraFields(Map<String, Object> fields) {
            extraFields = fields;
            return this;
        }

        /** Returns the config. */
        public LoraConfig build() {
            if (rank == 0) {
                throw new IllegalStateException("LoRA rank r is required: call setRank");
            }
            return new LoraConfig(this);
        }
    }
}
