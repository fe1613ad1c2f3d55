package dev.tunebook.finetune.train;

import dev.tunebook.finetune.data.DataOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@link Trainer} run's checkpoints hold and which it keeps: a checkpoint saves the
 * trainable parameters, the optimizer state and where the run stands (data order, counters,
 * early-stopping state, config); then only the latest and the best are kept. Instances are not
 * thread-safe.
 */
final class RunCheckpointing {
    private final Checkpoints checkpoints;
    private final TrainingTask task;
    private final AdamW optimizer;
    private final DataOrder order;
    private final TrainingConfig config;

    /** Creates the checkpoints of {@code task} trained by {@code optimizer} in {@code order}. */
    RunCheckpointing(
            Checkpoints checkpoints,
            TrainingTask task,
            AdamW optimizer,
            DataOrder order,
            TrainingConfig config) {
        this.checkpoints = checkpoints;
        this.task = task;
        this.optimizer = optimizer;
        this.order = order;
        this.config = config;
    }

    /** Returns the state a checkpoint holds for a run at {@code counters} with {@code stopping}. */
    CheckpointState state(RunCounters counters, EarlyStopping stopping) {
        DataOrder.State data = order.state();
        return new CheckpointState(
                counters.step(),
                data.seed(),
                data.epoch(),
                data.position(),
                config.seed(),
                counters.examples(),
                counters.tokens(),
                counters.seconds(),
                stopping.best(),
                stopping.bestStep(),
                stopping.evalsWithoutImprovement(),
                config.toOptions());
    }

    /** Writes a checkpoint of the run at {@code counters}; returns its folder. */
    Path save(RunCounters counters, EarlyStopping stopping) throws IOException {
        Path dir = checkpoints.write(state(counters, stopping), task, optimizer);
        checkpoints.prune();
        return dir;
    }

    /** Names {@code written} the best checkpoint when {@code best}, and deletes unnamed ones. */
    void keep(Path written, boolean best) throws IOException {
        if (best) {
            checkpoints.markBest(written);
        }
        checkpoints.prune();
    }

    /**
     * Loads the best checkpoint's parameters into the task, if there is one, and runs {@code
     * loaded} after; returns whether it did.
     *
     * @throws IOException when the {@code best} pointer cannot be read
     * @throws UncheckedIOException when the checkpoint cannot be loaded
     */
    boolean restoreBest(Runnable loaded) throws IOException {
        Optional<Path> best = checkpoints.best();
        if (best.isEmpty()) {
            return false;
        }
        try {
            task.load(best.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loaded.run();
        return true;
    }

    /** Returns the checkpoints' folder. */
    Path root() {
        return checkpoints.root();
    }
}
