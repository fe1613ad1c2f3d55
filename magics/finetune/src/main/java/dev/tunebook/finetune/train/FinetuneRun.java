package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.DataOrder;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.weights.NotEnoughMemoryException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One run of a {@link Trainer}: sets up its parts (the task, data-parallel replicas, the data
 * order, the optimizer, the record in the run store, checkpoints), or restores them from the
 * checkpoint a resumed run continues, hands them to a {@link TrainingLoop}, tells the outcome to
 * the record and the display, and closes the parts. Instances are used once and are not
 * thread-safe.
 */
final class FinetuneRun {
    private final TrainingInputs inputs;
    private final RunSetup setup;
    private final RunProgress view;
    private final Cancellation cancellation;
    private final Checkpoints.Hook hook;
    private final PrintStream out;
    private TrainingTask task;
    private DataParallel parallel;
    private AdamW optimizer;
    private RunRecording recording;
    private TrainingEvents events;

    FinetuneRun(
            TrainingInputs inputs,
            RunSetup setup,
            RunProgress view,
            Cancellation cancellation,
            Checkpoints.Hook hook,
            PrintStream out) {
        this.inputs = inputs;
        this.setup = setup;
        this.view = view;
        this.cancellation = cancellation;
        this.hook = hook;
        this.out = out;
    }

    /** Trains and returns the run; see {@link Trainer#run()}. */
    TrainingRun run() throws IOException {
        TrainingConfig config = setup.config();
        Seed seed = new Seed(config.seed()).apply();
        List<LanguageModel> copies = ReplicaModels.create(inputs.model(), config, out);
        task =
                TrainingTasks.create(
                        inputs.model(),
                        inputs.data(),
                        config,
                        seed,
                        inputs.padId(),
                        inputs.modelSource());
        try {
            if (!copies.isEmpty()) {
                parallel = ReplicaModels.parallel(task, copies, inputs, config, seed);
                copies = List.of();
            }
            TrainingEvents.Outcome outcome = new TrainingLoop(start(config, seed)).run();
            events.finished(outcome);
            return new TrainingRun(
                    recording.snapshot(),
                    outcome.message(),
                    setup.checkpointRoot(),
                    setup.memory(),
                    view.progress());
        } catch (IOException | RuntimeException e) {
            if (recording != null) {
                recording.aborted(e);
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

    private TrainingLoop.Parts start(TrainingConfig config, Seed seed) throws IOException {
        int trainSize = inputs.data().split(TrainingData.TRAIN).size();
        CheckpointState resumed = setup.state();
        DataOrder order;
        if (resumed != null) {
            task.load(setup.checkpoint());
            DataOrder.State state =
                    new DataOrder.State(
                            resumed.dataSeed(), resumed.dataEpoch(), resumed.dataPosition());
            order = DataOrder.restore(state, trainSize, config.batching().batch(), false);
        } else {
            order = new DataOrder(trainSize, config.batching().batch(), seed.derive("data"), false);
        }
        Map<String, NDArray> trainable = task.trainable();
        int stepsPerEpoch =
                (order.batchesPerEpoch() + config.batching().accumulate() - 1)
                        / config.batching().accumulate();
        CheckpointCadence cadence =
                CheckpointCadence.of(
                        config.epochs(), stepsPerEpoch, config.evaluation().evalEvery());
        LearningRateSchedule schedule =
                LearningRateSchedule.named(
                        config.optimizer().schedule().id(),
                        config.optimizer().lr(),
                        config.optimizer().warmup(),
                        cadence.total());
        optimizer =
                AdamW.builder()
                        .optWeightDecay(config.optimizer().weightDecay())
                        .optDecayed(WeightDecayPolicy::decays)
                        .build();
        if (resumed != null) {
            optimizer.load(setup.checkpoint().resolve(Checkpoints.OPTIMIZER), task.manager());
        }
        Runnable synchronize = parallel == null ? () -> {} : parallel::synchronize;
        synchronize.run();
        MemoryEstimate memory = setup.estimateMemory(task, trainable);
        if (memory.surelyTooLarge()) {
            throw new NotEnoughMemoryException(memory.refusal(config.batching().batch()));
        }
        recording =
                new RunRecording(
                        setup.startRecord(
                                task, trainable, parallel == null ? 1 : parallel.devices().size()));
        String metric = task.selectionMetric();
        events = new EventFanOut(recording, view);
        events.message(memory.describe());
        if (parallel != null) {
            events.message(
                    "data parallel on "
                            + parallel.devices().size()
                            + " devices "
                            + parallel.devices()
                            + ": each step's batch is split among them");
        }
        events.started(recording.snapshot().name(), cadence.total(), metric);
        return new TrainingLoop.Parts(
                inputs,
                task,
                new LoopStep(task, parallel, order, optimizer, schedule, config, seed),
                resumed != null ? RunCounters.restored(resumed) : RunCounters.fresh(),
                cadence,
                resumed != null
                        ? EarlyStopping.restored(config.evaluation().earlyStop(), metric, resumed)
                        : new EarlyStopping(config.evaluation().earlyStop(), metric),
                new RunCheckpointing(
                        new Checkpoints(setup.checkpointRoot(), hook),
                        task,
                        optimizer,
                        order,
                        config),
                synchronize,
                events,
                cancellation,
                recording.id());
    }
}
