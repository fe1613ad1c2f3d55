package dev.tunebook.finetune.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.DataOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The step loop of a {@link Pretraining} run: a fresh start or a restore from the latest
 * checkpoint, one optimizer step per batch of packed rows, a progress line every few steps,
 * validations and checkpoints on their cadence, and a checkpoint at the end or when cancelled. Used
 * once; not thread-safe.
 */
final class PretrainingLoop {
    private final PretrainingSettings settings;
    private final PretrainingTask task;
    private final int trainRows;
    private final Checkpoints checkpoints;
    private final List<TrainingListener> listeners;
    private final Consumer<String> log;
    private final TrainingProgress progress;
    private DataOrder order;
    private AdamW optimizer;
    private LearningRateSchedule schedule;
    private Map<String, NDArray> trainable;
    private int step;
    private int firstStep;
    private long tokensSeen;
    private double secondsBefore;
    private long startNanos;
    private long windowNanos;
    private long windowTokens;
    private double windowCpu;
    private Map<String, Double> lastValidation;

    PretrainingLoop(
            PretrainingSettings settings,
            PretrainingTask task,
            int trainRows,
            Checkpoints checkpoints,
            List<TrainingListener> listeners,
            Consumer<String> log) {
        this.settings = settings;
        this.task = task;
        this.trainRows = trainRows;
        this.checkpoints = checkpoints;
        this.listeners = listeners;
        this.log = log;
        this.progress = new TrainingProgress("pretraining", settings.steps(), "loss");
    }

    /** Returns how the run ended: {@code completed}, {@code interrupted} or {@code failed}. */
    String run(CheckpointState resumed, Path resumedDir, Cancellation cancellation)
            throws IOException {
        setUp(resumed, resumedDir);
        try {
            return loop(cancellation);
        } finally {
            optimizer.close();
        }
    }

    private void setUp(CheckpointState resumed, Path dir) throws IOException {
        optimizer =
                AdamW.builder()
                        .optBetas(settings.beta1(), settings.beta2())
                        .optWeightDecay(settings.weightDecay())
                        .optDecayed(WeightDecayPolicy::decays)
                        .build();
        if (resumed == null) {
            long seed = new Seed(settings.seed()).derive("data");
            order = new DataOrder(trainRows, settings.batchSize(), seed, true);
        } else {
            task.load(dir);
            optimizer.load(dir.resolve(Checkpoints.OPTIMIZER), task.manager());
            order =
                    DataOrder.restore(
                            new DataOrder.State(
                                    resumed.dataSeed(),
                                    resumed.dataEpoch(),
                                    resumed.dataPosition()),
                            trainRows,
                            settings.batchSize(),
                            true);
            step = resumed.step();
            tokensSeen = resumed.tokensSeen();
            secondsBefore = resumed.trainSeconds();
            log.accept("resumed from " + dir + " at step " + step);
        }
        firstStep = step;
        trainable = task.trainable();
        schedule =
                LearningRateSchedule.cosine(
                        settings.learningRate(), settings.warmupSteps(), settings.steps());
        listeners.forEach(l -> l.onStart(progress));
    }

    private String loop(Cancellation cancellation) throws IOException {
        startNanos = System.nanoTime();
        windowNanos = startNanos;
        windowTokens = tokensSeen;
        windowCpu = cpuSeconds();
        while (step < settings.steps()) {
            StepResult result = step();
            if (!Double.isFinite(result.loss()) || !Double.isFinite(result.gradientNorm())) {
                log.accept(
                        String.format(
                                Locale.ROOT,
                                "step %d: loss %s, gradient norm %s: diverged; the last"
                                        + " checkpoint is kept (lower the learning rate)",
                                step + 1,
                                result.loss(),
                                result.gradientNorm()));
                return end("failed");
            }
            afterStep(result);
            if (cancellation.isCancelled()) {
                checkpoint();
                log.accept("interrupted at step " + step + "; run again to resume");
                return end("interrupted");
            }
        }
        checkpoint();
        return end("completed");
    }

    private StepResult step() {
        int[] rows = order.next();
        task.setTraining(true);
        double loss;
        try (NDManager scope = task.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray value = task.loss(rows, scope);
            loss = value.getFloat();
            if (Double.isFinite(loss)) {
                collector.backward(value);
            }
        }
        task.setTraining(false);
        tokensSeen += task.tokens(rows);
        if (!Double.isFinite(loss)) {
            return new StepResult(step, loss, 0, Double.NaN, 0);
        }
        double norm = GradientClipping.globalNorm(trainable.values());
        if (!Double.isFinite(norm)) {
            return new StepResult(step, loss, 0, norm, 0);
        }
        double scale =
                settings.clip() > 0 ? GradientClipping.coefficient(norm, settings.clip()) : 1.0;
        double lr = schedule.rate(step);
        optimizer.step(trainable, lr, scale);
        return new StepResult(step++, loss, lr, norm, task.tokens(rows));
    }

    private void afterStep(StepResult result) throws IOException {
        listeners.forEach(l -> l.afterStep(result));
        progress.step(step, result.loss(), result.learningRate(), 0, tokensSeen, seconds());
        if (step % settings.logEvery() == 0 || step == settings.steps()) {
            logStep(result);
        }
        boolean validate = settings.evalEvery() > 0 && step % settings.evalEvery() == 0;
        if (validate && step < settings.steps()) {
            validate(PretrainingTask.VALIDATION);
        }
        if (validate || step % settings.checkpointEvery() == 0) {
            checkpoint();
        }
        listeners.forEach(l -> l.onProgress(progress));
    }

    private void logStep(StepResult result) {
        long now = System.nanoTime();
        double window = (now - windowNanos) / 1e9;
        double rate = (tokensSeen - windowTokens) / Math.max(window, 1e-9);
        double cpu = cpuSeconds();
        double perCpu = (tokensSeen - windowTokens) / Math.max(cpu - windowCpu, 1e-9);
        windowNanos = now;
        windowTokens = tokensSeen;
        windowCpu = cpu;
        double elapsed = seconds();
        double perStep = (elapsed - secondsBefore) / Math.max(1, step - firstStep);
        log.accept(
                String.format(
                        Locale.ROOT,
                        "step %d/%d | epoch %.2f | loss %.4f | lr %.2e | grad %.3f | %.0f tok/s"
                                + " (%.0f per CPU second) | elapsed %s | eta %s",
                        step,
                        settings.steps(),
                        epochs(),
                        result.loss(),
                        result.learningRate(),
                        result.gradientNorm(),
                        rate,
                        perCpu,
                        duration(elapsed),
                        duration(perStep * (settings.steps() - step))));
    }

    /** Validates on {@code split}, logs and reports it, and returns its metrics. */
    Map<String, Double> validate(String split) {
        long start = System.nanoTime();
        Map<String, Double> metrics = task.evaluate(split);
        lastValidation = metrics;
        progress.evaluation(step, metrics.get("loss"), metrics.get("loss"), null);
        listeners.forEach(l -> l.onValidation(step, metrics));
        log.accept(
                String.format(
                        Locale.ROOT,
                        "validation at step %d (%s) | loss %.4f | perplexity %.2f | %.0f tokens |"
                                + " %.1f s",
                        step,
                        split,
                        metrics.get("loss"),
                        metrics.get("perplexity"),
                        metrics.get("tokens"),
                        (System.nanoTime() - start) / 1e9));
        return metrics;
    }

    private void checkpoint() throws IOException {
        DataOrder.State data = order.state();
        CheckpointState state =
                new CheckpointState(
                        step,
                        data.seed(),
                        data.epoch(),
                        data.position(),
                        settings.seed(),
                        (long) step * settings.batchSize(),
                        tokensSeen,
                        seconds(),
                        lastValidation == null ? null : lastValidation.get("loss"),
                        0,
                        0,
                        settings.toOptions());
        checkpoints.write(state, task, optimizer);
        checkpoints.prune();
    }

    private String end(String status) {
        progress.status(status);
        listeners.forEach(l -> l.onEnd(progress, status + " at step " + step));
        return status;
    }

    /** Returns the optimizer steps taken, over all sessions of the run. */
    int steps() {
        return step;
    }

    /** Returns the training tokens consumed, over all sessions of the run. */
    long tokensSeen() {
        return tokensSeen;
    }

    /** Returns the seconds spent training, over all sessions of the run. */
    double seconds() {
        return secondsBefore + (startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9);
    }

    /** Returns the passes over the training rows made so far. */
    double epochs() {
        return (double) step * settings.batchSize() / trainRows;
    }

    /**
     * Returns the CPU seconds this process has used: on a shared machine, tokens per CPU second
     * tell what the run would do with the cores to itself, where tokens per second cannot.
     */
    private static double cpuSeconds() {
        return ProcessHandle.current()
                        .info()
                        .totalCpuDuration()
                        .map(java.time.Duration::toNanos)
                        .orElse(0L)
                / 1e9;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
