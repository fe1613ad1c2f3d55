package dev.tunebook.finetune.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.nn.Scalars;
import java.util.List;
import java.util.Map;

/**
 * One optimizer step of fine-tuning, with the model in training mode: forward and backward over one
 * or more micro-batches (their gradients summed, each loss scaled by 1/n), the global gradient
 * norm, clipping, and an AdamW step at the schedule's rate. Arrays of the step live in a
 * sub-manager closed at its end.
 *
 * <p>Instances are not thread-safe.
 */
public final class TrainingStep {
    private final LanguageModel model;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final double maxGradNorm;
    private final Map<String, NDArray> trainable;
    private int step;

    private TrainingStep(Builder builder) {
        this.model = builder.model;
        this.optimizer = builder.optimizer;
        this.schedule = builder.schedule;
        this.maxGradNorm = builder.maxGradNorm;
        this.trainable = TrainableWeights.of(model.weights());
        this.step = builder.firstStep;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the 0-based index of the next optimizer step. */
    public int nextStep() {
        return step;
    }

    /** Runs one optimizer step on {@code batch}. */
    public StepResult run(Batch batch) {
        return run(List.of(batch));
    }

    /** Runs one optimizer step with gradients accumulated over {@code microBatches}. */
    public StepResult run(List<Batch> microBatches) {
        if (!model.isTraining()) {
            model.setTraining(true); // dropout on, as transformers' Trainer calls model.train()
        }
        double loss = 0;
        long tokens = 0;
        for (Batch batch : microBatches) {
            loss += backward(batch, 1.0 / microBatches.size());
            tokens += batch.tokenCount();
        }
        double norm = Double.NaN;
        double scale = 1.0;
        if (maxGradNorm > 0) {
            norm = GradientClipping.globalNorm(trainable.values());
            scale = GradientClipping.coefficient(norm, maxGradNorm);
        }
        double lr = schedule.rate(step);
        optimizer.step(trainable, lr, scale);
        return new StepResult(step++, loss / microBatches.size(), lr, norm, tokens);
    }

    /** Returns the batch's loss after adding its gradients, scaled by {@code scale}. */
    private double backward(Batch batch, double scale) {
        try (NDManager scope = model.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList inputs = batch.toNDList(scope);
            NDArray loss = model.loss(inputs.get(0), inputs.get(1), inputs.get(2));
            loss.attach(scope);
            double value = loss.getFloat();
            collector.backward(scale == 1.0 ? loss : Scalars.mul(loss, scale));
            return value;
        }
    }

    /** Builds a {@link TrainingStep}. */
    public static final class Builder {
        private LanguageModel model;
        private AdamW optimizer;
        private LearningRateSchedule schedule;
        private double maxGradNorm;
        private int firstStep;

        private Builder() {}

        /** Sets the model; its parameters that require gradients are trained. */
        public Builder setModel(LanguageModel value) {
            this.model = value;
            return this;
        }

        /** Sets the optimizer. */
        public Builder setOptimizer(AdamW value) {
            this.optimizer = value;
            return this;
        }

        /** Sets the learning-rate schedule. */
        public Builder setSchedule(LearningRateSchedule value) {
            this.schedule = value;
            return this;
        }

        /** Clips gradients to this global norm; 0 (the default) does not clip. */
        public Builder optMaxGradNorm(double value) {
            this.maxGradNorm = value;
            return this;
        }

        /** Sets the index of the first step, when resuming from a checkpoint. */
        public Builder optFirstStep(int value) {
            this.firstStep = value;
            return this;
        }

        /** Returns the step. */
        public TrainingStep build() {
            if (model == null || optimizer == null || schedule == null) {
                throw new IllegalStateException(
                        "setModel, setOptimizer and setSchedule are required");
            }
            return new TrainingStep(this);
        }
    }
}
