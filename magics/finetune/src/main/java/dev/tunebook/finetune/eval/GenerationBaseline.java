package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.GenerationOptions;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.runs.DeviceLabel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.List;
import java.util.Objects;

/**
 * A prompting baseline for generation: the untrained model answers every row of an instruction or
 * chat dataset from its instruction alone (zero-shot) or after K train rows shown as earlier turns
 * (few-shot), decoding greedily by default; recorded as a {@code baseline} run with the metrics of
 * {@link GenerationEvaluation}, prompt length in tokens among them.
 *
 * <p>Conversations are rendered with the tokenizer's chat template, or with a {@code %%prompt}'s
 * format and row mapping when one is given.
 */
public final class GenerationBaseline {
    private final Builder b;

    private GenerationBaseline(Builder b) {
        this.b = b;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the run method: {@code zero-shot} or {@code few-shot}. */
    public String method() {
        return b.shots == 0 ? "zero-shot" : "few-shot";
    }

    /** Returns the default run name: {@code zero-shot} or {@code K-shot-seedN}. */
    public String runName() {
        return b.shots == 0 ? "zero-shot" : b.shots + "-shot-seed" + b.seed;
    }

    /**
     * Builds the examples and the evaluation (so bad input records nothing), then generates and
     * records the run.
     *
     * @throws IllegalArgumentException naming what is wrong: a tokenizer without a chat template
     *     (and no prompt), a row without an answer or with an empty one, too few train rows
     */
    public GenerationRun record(
            RunStore store, Cancellation cancellation, GenerationProgress progress) {
        PromptFormat format =
                b.prompt != null
                        ? b.prompt.format()
                        : TextGenerator.chatFormat(b.tokenizer).orElseThrow(this::noTemplate);
        List<GenerationExample> examples =
                GenerationExamples.builder()
                        .setDataset(b.dataset)
                        .setSplit(b.split)
                        .setFormat(format)
                        .optPrompt(b.prompt)
                        .optSystem(b.instruction)
                        .optShots(b.shots)
                        .optSeed(b.seed)
                        .optLimit(b.limit)
                        .build();
        GenerationEvaluation evaluation =
                GenerationEvaluation.builder()
                        .setModel(b.model)
                        .setTokenizer(b.tokenizer)
                        .setExamples(examples)
                        .optOptions(b.options)
                        .optBatchSize(b.batchSize)
                        .optTitle(runName() + " — " + b.split)
                        .build();
        RunRecord run =
                RunRecord.of(RunKind.BASELINE, runName())
                        .setModel(b.modelName)
                        .setMethod(method())
                        .setDataset(b.dataset.name())
                        .setDevice(DeviceLabel.of(b.model.manager().getDevice()));
        run.hyperparameters().put("shots", b.shots);
        if (b.shots > 0) {
            run.hyperparameters().put("seed", b.seed);
        }
        if (b.instruction != null) {
            run.hyperparameters().put("instruction", b.instruction);
        }
        run.hyperparameters().put("template", format.template().name());
        if (b.limit > 0) {
            run.hyperparameters().put("limit", b.limit);
        }
        return GenerationRuns.record(store, run, evaluation, b.split, cancellation, progress);
    }

    private IllegalArgumentException noTemplate() {
        return new IllegalArgumentException(
                "tokenizer "
                        + b.tokenizer.file()
                        + " has no chat template (chat_template in tokenizer_config.json):"
                        + " write a %%prompt with --template NAME, or load a model that has one");
    }

    /** Builds a {@link GenerationBaseline}. Instances are not thread-safe. */
    public static final class Builder {
        private CausalLanguageModel model;
        private Tokenizer tokenizer;
        private Dataset dataset;
        private String modelName = "model";
        private ChatPrompt prompt;
        private String split = "test";
        private String instruction;
        private int shots;
        private long seed;
        private int limit;
        private int batchSize = 8;
        private GenerationOptions options = GenerationOptions.greedy(64);

        private Builder() {}

        /** Sets the model (required). */
        public Builder setModel(CausalLanguageModel value) {
            model = value;
            return this;
        }

        /** Sets the model's tokenizer (required). */
        public Builder setTokenizer(Tokenizer value) {
            tokenizer = value;
            return this;
        }

        /** Sets the instruction or chat dataset (required). */
        public Builder setDataset(Dataset value) {
            dataset = value;
            return this;
        }

        /** Sets the model's name in the run (default "model"). */
        public Builder optModelName(String value) {
            modelName = Objects.requireNonNull(value, "modelName");
            return this;
        }

        /** Renders rows with this prompt instead of the tokenizer's template and the defaults. */
        public Builder optPrompt(ChatPrompt value) {
            prompt = value;
            return this;
        }

        /** Sets the split measured (default test). */
        public Builder optSplit(String value) {
            split = Objects.requireNonNull(value, "split");
            return this;
        }

        /** Sets the system message of every conversation (default: the row's own, if any). */
        public Builder optInstruction(String value) {
            instruction = value;
            return this;
        }

        /** Shows K train rows as earlier turns (default 0: zero-shot). */
        public Builder optShots(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("shots must be >= 0: " + value);
            }
            shots = value;
            return this;
        }

        /** Sets the seed of the few-shot draw (default 0). */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /** Measures only the first N rows of the split; 0 (the default) measures all. */
        public Builder optLimit(int value) {
            limit = value;
            return this;
        }

        /** Sets how many prompts are decoded together (default 8). */
        public Builder optBatchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Sets the decoding settings (default greedy, 64 new tokens). */
        public Builder optOptions(GenerationOptions value) {
            options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Returns the baseline.
         *
         * @throws NullPointerException if a required value is missing
         */
        public GenerationBaseline build() {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(tokenizer, "tokenizer");
            Objects.requireNonNull(dataset, "dataset");
            return new GenerationBaseline(this);
        }
    }
}
