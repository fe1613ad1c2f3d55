package dev.tunebook.finetune.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.DataOrder;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.Scalars;
import dev.tunebook.finetune.runs.InferenceFigures;
import dev.tunebook.finetune.runs.RunRecorder;
import dev.tunebook.finetune.runs.RunStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a {@link Trainer}: setup (or restore from a checkpoint), the step loop with
 * evaluation, checkpoints, early stopping, interrupt and NaN handling, and the final evaluation.
 * Instances are used once and are not thread-safe.
 */
final class TrainingLoop {
    private final Trainer trainer;
    private RunSetup setup;
    private TrainingTask task;
    private DataParallel parallel;
    private Map<String, NDArray> trainable;
    private DataOrder order;
    private AdamW optimizer;
    private LearningRateSchedule schedule;
    private RunRecorder recorder;
    private Checkpoints checkpoints;
    private RunProgress view;
    private Cancellation cancellation;
    private double lr;
    private int step;

    /** What a non-finite value from {@link #step} was: the training loss or the gradient norm. */
    private String nonFinite = "the loss";

    private int total;
    private int stepsPerEpoch;
    private long examplesSeen;
    private long tokensSeen;
    private double secondsBefore;
    private long startNanos;
    private Double best;
    private int bestStep;
    private int evalsWithoutImprovement;

    TrainingLoop(Trainer trainer) {
        this.trainer = trainer;
    }

    TrainingRun run() throws IOException {
        // The loop polls the token after every step: a cancellation (a first Jupyter interrupt)
        // lets
        // the step and the checkpoint finish, however long they take, instead of the thread being
        // stopped.
        cancellation = trainer.cancellation != null ? trainer.cancellation : Cancellation.current();
        try (Cancellation.Scope polling = cancellation.enter()) {
            return runPolling();
        }
    }

    private TrainingRun runPolling() throws IOException {
        setup = RunSetup.prepare(trainer);
        TrainingConfig config = setup.config();
        Seed seed = new Seed(config.seed()).apply();
        List<LanguageModel> copies = ReplicaModels.create(trainer.model, config, trainer.out);
        task =
                TrainingTasks.create(
                        trainer.model,
                        trainer.data,
                        config,
                        seed,
                        trainer.padId,
                        trainer.modelSource);
        try {
            if (!copies.isEmpty()) {
                parallel = ReplicaModels.parallel(task, copies, trainer, config, seed);
                copies = List.of();
            }
            start(config, seed);
            return train(config, seed);
        } catch (IOException | RuntimeException e) {
            if (recorder != null) {
                recorder.fail(e);
            }
            throw e;
        } finally {
            copies.forEach(LanguageModel::close);
            if (parallel != null) {
                parallel.close();
            }
            task.close();
            if (optimizer != null) {
                optimizer.close();
            }
        }
    }

    private void start(TrainingConfig config, Seed seed) throws IOException {
        int trainSize = trainer.data.split(TrainingData.TRAIN).size();
        CheckpointState resumed = setup.state();
        if (resumed != null) {
            task.load(setup.checkpoint());
            order =
                    DataOrder.restore(
                            new DataOrder.State(
                                    resumed.dataSeed(),
                                    resumed.dataEpoch(),
                                    resumed.dataPosition()),
                            trainSize,
                            config.batch(),
                            false);
            restoreCounters(resumed);
        } else {
            order = new DataOrder(trainSize, config.batch(), seed.derive("data"), false);
        }
        trainable = task.trainable();
        stepsPerEpoch = (order.batchesPerEpoch() + config.accumulate() - 1) / config.accumulate();
        total = config.epochs() * stepsPerEpoch;
        schedule =
                LearningRateSchedule.named(config.schedule(), config.lr(), config.warmup(), total);
        optimizer =
                AdamW.builder()
                        .optWeightDecay(config.weightDecay())
                        .optDecayed(WeightDecayPolicy::decays)
                        .build();
        if (resumed != null) {
            optimizer.load(setup.checkpoint().resolve(Checkpoints.OPTIMIZER), task.manager());
        }
        if (parallel != null) {
            parallel.synchronize();
        }
        recorder =
                setup.startRecord(
                        task, trainable, parallel == null ? 1 : parallel.devices().size());
        checkpoints = new Checkpoints(setup.checkpointRoot(), trainer.checkpointHook);
        view =
                new RunProgress(
                        trainer,
                        recorder.snapshot().name(),
                        total,
                        task.selectionMetric(),
                        stepsPerEpoch);
        view.message(setup.estimateMemory(task, trainable).describe());
        if (parallel != null) {
            view.message(
                    "data parallel on "
                            + parallel.devices().size()
                            + " devices "
                            + parallel.devices()
                            + ": each step's batch is split among them");
        }
        view.start();
    }

    private void restoreCounters(CheckpointState s) {
        step = s.step();
        examplesSeen = s.examplesSeen();
        tokensSeen = s.tokensSeen();
        secondsBefore = s.trainSeconds();
        best = s.bestMetric();
        bestStep = s.bestStep();
        evalsWithoutImprovement = s.evalsWithoutImprovement();
    }

    private TrainingRun train(TrainingConfig config, Seed seed) throws IOException {
        startNanos = System.nanoTime();
        String validation = trainer.data.validationSplit();
        while (step < total) {
            double loss = step(config, seed);
            if (!Double.isFinite(loss)) {
                return fail(nonFinite, loss, step + 1, false);
            }
            Map<String, Double> evaluated = evaluateIfDue(config, validation);
            if (evaluated != null && !Double.isFinite(evaluated.getOrDefault("loss", 0.0))) {
                return fail("the " + validation + " loss", evaluated.get("loss"), step, true);
            }
            recordStep(loss, evaluated);
            if (evaluated != null && stopEarly(config)) {
                return finish(
                        "stopped early at step "
                                + step
                                + ": no improvement in "
                                + config.earlyStop()
                                + " evaluations");
            }
            if (cancellation.isCancelled()) {
                checkpoint();
                recorder.interrupt();
                return end(
                        "interrupted at step "
                                + step
                                + " of "
                                + total
                                + "; checkpoint saved,"
                                + " resume with --resume "
                                + recorder.id());
            }
        }
        return finish("completed " + total + " steps");
    }

    /** Runs one optimizer step and returns its loss (mean over its micro-batches). */
    private double step(TrainingConfig config, Seed seed) {
        List<int[]> micro = new ArrayList<>();
        do {
            micro.add(order.next());
        } while (micro.size() < config.accumulate() && !order.epochFinished());
        Engine.getInstance().setRandomSeed((int) seed.derive("step-" + step));
        setTraining(true);
        double loss = 0;
        for (int[] rows : micro) {
            double scale = 1.0 / micro.size();
            loss +=
                    (parallel != null ? parallel.backward(rows, scale) : backward(rows, scale))
                            * scale;
            examplesSeen += rows.length;
            tokensSeen += task.tokens(rows);
        }
        setTraining(false);
        if (!Double.isFinite(loss)) {
            nonFinite = "the training loss";
            return loss;
        }
        // The norm is always taken: a finite loss with an infinite or NaN gradient would otherwise
        // turn every weight into NaN on the optimizer step.
        double norm = GradientClipping.globalNorm(trainable.values());
        if (!Double.isFinite(norm)) {
            nonFinite = "the gradient norm";
            return norm;
        }
        double scale = config.clip() > 0 ? GradientClipping.coefficient(norm, config.clip()) : 1.0;
        double lr = schedule.rate(step);
        optimizer.step(trainable, lr, scale);
        if (parallel != null) {
            parallel.synchronize();
        }
        view.afterStep(new StepResult(step, loss, lr, norm, tokensSeen));
        step++;
        this.lr = lr;
        return loss;
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

    private Map<String, Double> evaluateIfDue(TrainingConfig config, String validation)
            throws IOException {
        boolean due =
                config.evalEvery() > 0 ? step % config.evalEvery() == 0 : step % stepsPerEpoch == 0;
        if (!due && step != total) {
            return null;
        }
        Map<String, Double> metrics =
                validation == null
                        ? null
                        : task.evaluate(validation, view.evaluating(validation, this::seconds));
        if (metrics != null && !Double.isFinite(metrics.getOrDefault("loss", 0.0))) {
            return metrics; // diverged: the caller fails the run; no checkpoint of broken weights
        }
        Double value = metrics == null ? null : metrics.get(task.selectionMetric());
        Path written = checkpoint();
        if (value != null && improves(value)) {
            best = value;
            bestStep = step;
            evalsWithoutImprovement = 0;
            checkpoints.markBest(written);
        } else if (value != null) {
            evalsWithoutImprovement++;
        }
        checkpoints.prune();
        if (metrics != null) {
            view.validation(step, metrics, value, best);
        }
        return metrics;
    }

    private boolean improves(double value) {
        boolean higher = "accuracy".equals(task.selectionMetric());
        return best == null || (higher ? value > best : value < best);
    }

    private boolean stopEarly(TrainingConfig config) {
        return config.earlyStop() > 0 && evalsWithoutImprovement >= config.earlyStop();
    }

    private Path checkpoint() throws IOException {
        CheckpointState state =
                new CheckpointState(
                        step,
                        order.state().seed(),
                        order.state().epoch(),
                        order.state().position(),
                        setup.config().seed(),
                        examplesSeen,
                        tokensSeen,
                        seconds(),
                        best,
                        bestStep,
                        evalsWithoutImprovement,
                        setup.config().toOptions());
        Path dir = checkpoints.write(state, task, optimizer);
        checkpoints.prune();
        return dir;
    }

    private void recordStep(double loss, Map<String, Double> evaluated) {
        Map<String, Double> metrics = null;
        if (evaluated != null) {
            metrics = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Double> e : evaluated.entrySet()) {
                metrics.put("val_" + e.getKey(), e.getValue());
            }
        }
        double epoch = (double) step / stepsPerEpoch;
        recorder.step(new RunStep(step, epoch, loss, lr, metrics, examplesSeen, seconds()));
        view.step(step, loss, lr, examplesSeen, tokensSeen, seconds());
    }

    private double seconds() {
        return secondsBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    /** Drops the gradients of a step that was not taken, so they do not leak into a later run. */
    private void clearGradients() {
        for (NDArray parameter : trainable.values()) {
            try (NDArray gradient = parameter.getGradient()) {
                gradient.subi(gradient);
            }
        }
    }

    /**
     * Fails the run because {@code what} is {@code value} at {@code failedStep}; when {@code
     * weightsBroken} (an evaluation of the stepped weights diverged) the best saved weights are
     * restored into the model.
     */
    private TrainingRun fail(String what, double value, int failedStep, boolean weightsBroken)
            throws IOException {
        clearGradients();
        String restored = "";
        if (weightsBroken) {
            Optional<Path> good = checkpoints.best();
            if (good.isPresent()) {
                restoreBest(good.get());
                restored = "; the model holds the weights of step " + bestStep + " again";
            }
        }
        String message =
                what
                        + " is "
                        + value
                        + " at step "
                        + failedStep
                        + "; the model diverged and training stopped, the last good"
                        + " checkpoint is kept (lower --lr or set --clip)"
                        + restored;
        recorder.fail(new ArithmeticException(message));
        return end(message);
    }

    private TrainingRun finish(String message) throws IOException {
        if (bestStep > 0 && bestStep != step) {
            checkpoints.best().ifPresent(this::restoreBest);
        }
        // Training ends here: the final evaluation is timed apart (eval_seconds), not as training.
        double seconds = seconds();
        FinalMetrics.record(task, trainer.data, recorder, view, this::seconds);
        InferenceFigures inference = FinetuneInference.measure(task, trainer.model, trainer.data);
        if (inference != null) {
            recorder.update(r -> r.setInference(inference));
        }
        recorder.update(
                r ->
                        r.setTrainSeconds(seconds)
                                .setExamplesPerSecond(examplesSeen / Math.max(seconds, 1e-9))
                                .setTrainTokens(tokensSeen));
        recorder.complete();
        return end(message + (bestStep > 0 ? "; best checkpoint: step " + bestStep : ""));
    }

    private void restoreBest(Path dir) {
        try {
            task.load(dir);
            trainable = task.trainable();
            if (parallel != null) {
                parallel.synchronize();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TrainingRun end(String message) {
        view.finish(recorder.snapshot().status().id(), message);
        return new TrainingRun(
                recorder.snapshot(), message, checkpoints.root(), setup.memory(), view.progress());
    }
}
