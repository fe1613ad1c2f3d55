package dev.tunebook.finetune.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.data.DataOrder;
import dev.tunebook.finetune.nn.Scalars;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One optimizer step of a {@link Trainer} run: the next micro-batches of the data order (as many as
 * {@code accumulate}, fewer at an epoch's end), forward and backward on one device or
 * data-parallel, the global gradient norm, clipping, and an AdamW step at the schedule's rate. The
 * engine's random generator is seeded from the run's seed and the step index first, so a resumed
 * run draws the same dropout. A step whose loss or gradient norm is not finite updates nothing.
 * Instances are not thread-safe.
 */
final class LoopStep {
    private final TrainingTask task;
    private final DataParallel parallel;
    private final DataOrder order;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final TrainingConfig config;
    private final Seed seed;
    private final Map<String, NDArray> trainable;

    /** Creates the step of {@code task}, data-parallel when {@code parallel} is not null. */
    LoopStep(
            TrainingTask task,
            DataParallel parallel,
            DataOrder order,
            AdamW optimizer,
            LearningRateSchedule schedule,
            TrainingConfig config,
            Seed seed) {
        this.task = task;
        this.parallel = parallel;
        this.order = order;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.config = config;
        this.seed = seed;
        this.trainable = task.trainable();
    }

    /**
     * Runs step {@code counters.step()} (0-based), counting the examples and tokens it consumes,
     * and returns what it did: its loss (the mean over its micro-batches), its rate and gradient
     * norm, and the tokens consumed so far. When the loss is not finite the norm is NaN and no
     * update was made; when the norm is not finite no update was made either.
     */
    StepResult run(RunCounters counters) {
        int step = counters.step();
        List<int[]> micro = new ArrayList<>();
        do {
            micro.add(order.next());
        } while (micro.size() < config.batching().accumulate() && !order.epochFinished());
        Engine.getInstance().setRandomSeed((int) seed.derive("step-" + step));
        setTraining(true);
        double loss = 0;
        for (int[] rows : micro) {
            double scale = 1.0 / micro.size();
            loss +=
                    (parallel != null ? parallel.backward(rows, scale) : backward(rows, scale))
                            * scale;
            counters.consumed(rows.length, task.tokens(rows));
        }
        setTraining(false);
        double lr = schedule.rate(step);
        if (!Double.isFinite(loss)) {
            return new StepResult(step, loss, lr, Double.NaN, counters.tokens());
        }
        // The norm is always taken: a finite loss with an infinite or NaN gradient would otherwise
        // turn every weight into NaN on the optimizer step.
        double norm = GradientClipping.globalNorm(trainable.values());
        if (Double.isFinite(norm)) {
            double scale =
                    config.optimizer().clip() > 0
                            ? GradientClipping.coefficient(norm, config.optimizer().clip())
                            : 1.0;
            optimizer.step(trainable, lr, scale);
            if (parallel != null) {
                parallel.synchronize();
            }
        }
        return new StepResult(step, loss, lr, norm, counters.tokens());
    }

    /** Drops the gradients of a step that was not taken, so they do not leak into a later run. */
    void clearGradients() {
        for (NDArray parameter : trainable.values()) {
            try (NDArray gradient = parameter.getGradient()) {
                gradient.subi(gradient);
            }
        }
    }

    private void setTraining(boolean training) {
        if (parallel != null) {
            parallel.setTraining(training);
        } else {
            task.setTraining(training);
        }
    }

    private double backward(int[] rows, double scale) {
        try (NDManager scope = task.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = task.loss(rows, scope);
            double value = loss.getFloat();
            if (Double.isFinite(value)) {
                collector.backward(scale == 1.0 ? loss : Scalars.mul(loss, scale));
            }
            return value;
        }
    }
}
