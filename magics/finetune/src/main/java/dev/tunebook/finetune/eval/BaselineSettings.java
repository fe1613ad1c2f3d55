package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.runs.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a baseline is measured: zero-shot or k-shot, the seed of the k-shot draw, the text standing
 * for each label (a description for encoders, the answer word for causal models), the splits
 * measured, and for causal models the instruction, the chat format and whether the answer is
 * generated rather than scored. Instances are immutable; build them with {@link #builder()}.
 */
public final class BaselineSettings {
    /** Tokens an encoder baseline reads of each text unless told otherwise. */
    public static final int ENCODER_MAX_LENGTH = 256;

    private final int shots;
    private final long seed;
    private final List<String> labelTexts;
    private final List<String> splits;
    private final String trainSplit;
    private final String instruction;
    private final boolean generate;
    private final int maxNewTokens;
    private final PromptFormat promptFormat;
    private final Pooling pooling;
    private final int profiledExamples;
    private final String name;
    private final Integer maxLength;

    private BaselineSettings(Builder b) {
        shots = b.shots;
        seed = b.seed;
        labelTexts = List.copyOf(b.labelTexts);
        splits = List.copyOf(b.splits);
        trainSplit = b.trainSplit;
        instruction = b.instruction;
        generate = b.generate;
        maxNewTokens = b.maxNewTokens;
        promptFormat = b.promptFormat;
        pooling = b.pooling;
        profiledExamples = b.profiledExamples;
        name = b.name;
        maxLength = b.maxLength;
    }

    /** Returns a builder for zero-shot on the test split. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding the settings stored in a baseline run's hyperparameters (the prompt
     * format is not stored: causal runs use the model's chat template again).
     */
    @SuppressWarnings("unchecked")
    public static Builder fromRun(RunRecord run) {
        Map<String, Object> h = run.hyperparameters();
        Builder b = builder();
        if (h.get("shots") instanceof Number n) {
            b.optShots(n.intValue());
        }
        if (h.get("seed") instanceof Number n) {
            b.optSeed(n.longValue());
        }
        if (h.get("label_texts") instanceof List<?> texts) {
            b.optLabelTexts((List<String>) texts);
        }
        if (h.get("train_split") instanceof String split) {
            b.optTrainSplit(split);
        }
        if (h.get("instruction") instanceof String text) {
            b.optInstruction(text);
        }
        if (h.get("max_new_tokens") instanceof Number n) {
            b.optGenerate(n.intValue());
        }
        if (h.get("pooling") instanceof String p) {
            b.optPooling(Pooling.valueOf(p.toUpperCase(java.util.Locale.ROOT)));
        }
        if (h.get("max_length") instanceof Number n) {
            b.optMaxLength(n.intValue());
        }
        return b;
    }

    /** Returns the examples per label shown (0: zero-shot). */
    public int shots() {
        return shots;
    }

    /** Returns the seed of the k-shot draw. */
    public long seed() {
        return seed;
    }

    /** Returns the text of each label in label order, or empty to use the label names. */
    public List<String> labelTexts() {
        return labelTexts;
    }

    /** Returns the splits measured. */
    public List<String> splits() {
        return splits;
    }

    /** Returns the split the k-shot examples come from. */
    public String trainSplit() {
        return trainSplit;
    }

    /** Returns the system instruction of causal prompts, or {@code null} for the default. */
    public String instruction() {
        return instruction;
    }

    /**
     * Returns whether causal models generate an answer that is parsed (else answers are scored).
     */
    public boolean generate() {
        return generate;
    }

    /** Returns the longest generated answer, in tokens. */
    public int maxNewTokens() {
        return maxNewTokens;
    }

    /** Returns the chat format of causal prompts, or {@code null} for the tokenizer's template. */
    public PromptFormat promptFormat() {
        return promptFormat;
    }

    /** Returns how encoders pool token states into a text embedding (default mean). */
    public Pooling pooling() {
        return pooling;
    }

    /** Returns the tokens an encoder reads of each text (default {@value #ENCODER_MAX_LENGTH}). */
    public int maxLength() {
        return maxLength == null ? ENCODER_MAX_LENGTH : maxLength;
    }

    /** Returns whether the tokens read per text were set rather than left at the default. */
    public boolean maxLengthSet() {
        return maxLength != null;
    }

    /** Returns how many examples the inference profile times (0: none). */
    public int profiledExamples() {
        return profiledExamples;
    }

    /** Returns the run's method: {@code zero-shot} or {@code few-shot}. */
    public String method() {
        return shots == 0 ? "zero-shot" : "few-shot";
    }

    /**
     * Returns the run's name: the one set with {@link Builder#optName}, else {@code zero-shot} or
     * {@code K-shot-seedN}.
     */
    public String runName() {
        if (name != null) {
            return name;
        }
        return shots == 0 ? "zero-shot" : shots + "-shot-seed" + seed;
    }

    /** Returns the settings as a run's hyperparameters. */
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("shots", shots);
        if (shots > 0) {
            h.put("seed", seed);
            h.put("train_split", trainSplit);
        }
        if (!labelTexts.isEmpty()) {
            h.put("label_texts", new ArrayList<>(labelTexts));
        }
        if (instruction != null) {
            h.put("instruction", instruction);
        }
        if (generate) {
            h.put("max_new_tokens", maxNewTokens);
        }
        if (maxLength != null) {
            h.put("max_length", maxLength);
        }
        return h;
    }

    /** Builds {@link BaselineSettings}. Instances are not thread-safe. */
    public static final class Builder {
        private int shots;
        private long seed;
        private List<String> labelTexts = List.of();
        private List<String> splits = List.of("test");
        private String trainSplit = "train";
        private String instruction;
        private boolean generate;
        private int maxNewTokens = 8;
        private PromptFormat promptFormat;
        private Pooling pooling = Pooling.MEAN;
        private int profiledExamples = 32;
        private String name;
        private Integer maxLength;

        private Builder() {}

        /**
         * Sets the tokens an encoder reads of each text, longer texts cut to their first {@code
         * maxLength - 1} tokens and the closing special token (default {@value
         * #ENCODER_MAX_LENGTH}; at most the model's positions).
         *
         * @throws IllegalArgumentException if {@code maxLength} is below 2
         */
        public Builder optMaxLength(int maxLength) {
            if (maxLength < 2) {
                throw new IllegalArgumentException("max length must be >= 2, got " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        /**
         * Sets the run's name (default {@code zero-shot} or {@code K-shot-seedN}): a notebook with
         * baselines of several tasks names each, so that {@code %runs} and {@code %cost} tell them
         * apart (runs of one name count as reruns of one another).
         *
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder optName(String name) {
            this.name = RunNames.require(name);
            return this;
        }

        /** Sets the examples per label (default 0: zero-shot). */
        public Builder optShots(int shots) {
            if (shots < 0) {
                throw new IllegalArgumentException("shots must be >= 0, got " + shots);
            }
            this.shots = shots;
            return this;
        }

        /** Sets the seed of the k-shot draw (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets each label's text, in label order (default: the label names). */
        public Builder optLabelTexts(List<String> labelTexts) {
            this.labelTexts = List.copyOf(labelTexts);
            return this;
        }

        /** Sets the splits measured (default {@code test}). */
        public Builder optSplits(List<String> splits) {
            if (splits.isEmpty()) {
                throw new IllegalArgumentException("at least one split must be measured");
            }
            this.splits = List.copyOf(splits);
            return this;
        }

        /** Sets the split k-shot examples are drawn from (default {@code train}). */
        public Builder optTrainSplit(String trainSplit) {
            this.trainSplit = trainSplit;
            return this;
        }

        /** Sets the system instruction of causal prompts. */
        public Builder optInstruction(String instruction) {
            this.instruction = instruction;
            return this;
        }

        /** Makes causal models generate up to {@code maxNewTokens} tokens and parse the label. */
        public Builder optGenerate(int maxNewTokens) {
            if (maxNewTokens < 1) {
                throw new IllegalArgumentException("max new tokens must be >= 1: " + maxNewTokens);
            }
            this.generate = true;
            this.maxNewTokens = maxNewTokens;
            return this;
        }

        /** Sets the chat format of causal prompts (default: the tokenizer's chat template). */
        public Builder optPromptFormat(PromptFormat promptFormat) {
            this.promptFormat = promptFormat;
            return this;
        }

        /**
         * Sets how encoders pool token states: {@code MEAN} over the attention mask (the default,
         * as sentence-transformers) or {@code CLS} (the first token's state).
         */
        public Builder optPooling(Pooling pooling) {
            this.pooling = java.util.Objects.requireNonNull(pooling);
            return this;
        }

        /**
         * Sets how many examples of the first measured split the inference profile times, one at a
         * time and then together (default 32; 0 skips the profile).
         */
        public Builder optProfiledExamples(int profiledExamples) {
            if (profiledExamples < 0) {
                throw new IllegalArgumentException("profiled examples must be >= 0");
            }
            this.profiledExamples = profiledExamples;
            return this;
        }

        /** Returns the settings. */
        public BaselineSettings build() {
            return new BaselineSettings(this);
        }
    }
}
