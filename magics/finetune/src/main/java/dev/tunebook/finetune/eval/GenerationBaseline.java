package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.runs.DeviceLabel;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunStore;
import java.util.Objects;

/**
 * A prompting baseline for generation: the untrained model answers every row of an instruction or
 * chat dataset from its instruction alone (zero-shot) or after K train rows shown as earlier turns
 * (few-shot), decoding greedily by default; recorded as a {@code baseline} run with the metrics of
 * {@link GenerationEvaluation}, prompt length in tokens among them.
 *
 * <p>The rows, prompt format and shots are set on a {@link GenerationExamples} builder and the
 * model, tokenizer and decoding on a {@link GenerationEvaluation} builder, as for an evaluation;
 * the baseline gives the evaluation its examples and title, and records the shots, seed,
 * instruction, template and limit in the run's hyperparameters.
 *
 * <pre>{@code
 * GenerationRun run =
 *         GenerationBaseline.builder()
 *                 .setExamples(
 *                         GenerationExamples.builder()
 *                                 .setDataset(dataset)
 *                                 .setSplit("test")
 *                                 .setFormat(TextGenerator.chatFormat(tokenizer).orElseThrow())
 *                                 .optShots(3))
 *                 .setEvaluation(
 *                         GenerationEvaluation.builder().setModel(model).setTokenizer(tokenizer))
 *                 .build()
 *                 .record(store, Cancellation.NONE, GenerationProgress.NONE);
 * }</pre>
 */
public final class GenerationBaseline {
    private final GenerationExamples.Builder examples;
    private final GenerationEvaluation.Builder evaluation;
    private final String modelName;
    private final String name;

    private GenerationBaseline(Builder b) {
        examples = Objects.requireNonNull(b.examples, "examples");
        evaluation = Objects.requireNonNull(b.evaluation, "evaluation");
        modelName = b.modelName;
        name = b.name;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the run method: {@code zero-shot} or {@code few-shot}. */
    public String method() {
        return examples.shots() == 0 ? "zero-shot" : "few-shot";
    }

    /**
     * Returns the run's name: the one set with {@link Builder#optName}, else {@code zero-shot} or
     * {@code K-shot-seedN}.
     */
    public String runName() {
        if (name != null) {
            return name;
        }
        return examples.shots() == 0
                ? "zero-shot"
                : examples.shots() + "-shot-seed" + examples.seed();
    }

    /**
     * Builds the examples and the evaluation (so bad input records nothing), then generates and
     * records the run.
     *
     * @throws IllegalArgumentException naming what is wrong: a row without an answer or with an
     *     empty one, too few train rows, a prompt that does not fit the model
     */
    public GenerationRun record(
            RunStore store, Cancellation cancellation, GenerationProgress progress) {
        GenerationEvaluation built =
                evaluation
                        .setExamples(examples.build())
                        .optTitle(runName() + " — " + examples.split())
                        .build();
        RunRecord run =
                RunRecord.builder(RunKind.BASELINE, runName())
                        .optModel(modelName)
                        .optMethod(method())
                        .optDataset(examples.datasetName())
                        .optDevice(DeviceLabel.of(built.device()))
                        .putHyperparameters(examples.settings())
                        .build();
        return GenerationRuns.record(store, run, built, examples.split(), cancellation, progress);
    }

    /** Builds a {@link GenerationBaseline}. Instances are not thread-safe. */
    public static final class Builder {
        private GenerationExamples.Builder examples;
        private GenerationEvaluation.Builder evaluation;
        private String modelName = "model";
        private String name;

        private Builder() {}

        /**
         * Sets the run's name (default {@code zero-shot} or {@code K-shot-seedN}), so that
         * baselines of several tasks in one store stay apart in {@code %runs} and {@code %cost}.
         *
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder optName(String value) {
            name = RunNames.require(value);
            return this;
        }

        /**
         * Sets the rows answered (required): the dataset, split, format, prompt, instruction,
         * shots, seed and limit of the examples, built when the baseline is recorded.
         */
        public Builder setExamples(GenerationExamples.Builder value) {
            examples = value;
            return this;
        }

        /**
         * Sets the model, tokenizer and decoding (required); the baseline sets its examples and
         * title.
         */
        public Builder setEvaluation(GenerationEvaluation.Builder value) {
            evaluation = value;
            return this;
        }

        /** Sets the model's name in the run (default "model"). */
        public Builder optModelName(String value) {
            modelName = Objects.requireNonNull(value, "modelName");
            return this;
        }

        /**
         * Returns the baseline.
         *
         * @throws NullPointerException if a required value is missing
         */
        public GenerationBaseline build() {
            return new GenerationBaseline(this);
        }
    }
}
