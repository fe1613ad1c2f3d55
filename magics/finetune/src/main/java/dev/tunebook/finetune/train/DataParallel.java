package dev.tunebook.finetune.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.tunebook.finetune.io.Uninterruptibles;
import dev.tunebook.finetune.nn.Scalars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data-parallel training: one replica of the task per device, each micro-batch split into one shard
 * per replica, forward and backward on every device at once (a thread each), the replicas'
 * gradients summed into the first task's, and after the optimizer step the first task's weights
 * copied back to the replicas. As PyTorch's DistributedDataParallel, one step equals a step on the
 * whole batch on one device: each shard's loss is weighted by its share of what the loss averages
 * over (rows for classification, predicted tokens for causal models).
 *
 * <p>DJL's gradient collector allows one collector in the whole JVM at a time, so the replicas run
 * their backward pass through PyTorch directly with grad mode on in their own thread (grad mode is
 * per thread in PyTorch). Instances are not thread-safe.
 */
final class DataParallel implements AutoCloseable {
    private final TrainingTask main;
    private final List<TrainingTask> replicas;
    private final List<? extends AutoCloseable> owned;
    private final ExecutorService workers;

    /**
     * Trains {@code main} with {@code replicas} (tasks of copies of its model on other devices);
     * {@link #close} closes the replicas and {@code owned} (their models).
     */
    DataParallel(
            TrainingTask main, List<TrainingTask> replicas, List<? extends AutoCloseable> owned) {
        this.main = main;
        this.replicas = List.copyOf(replicas);
        this.owned = List.copyOf(owned);
        this.workers =
                Executors.newFixedThreadPool(
                        replicas.size() + 1,
                        r -> {
                            Thread thread = new Thread(r, "tunebook-data-parallel");
                            thread.setDaemon(true);
                            return thread;
                        });
        synchronize();
    }

    /** Returns the devices trained on, the first task's first. */
    List<Device> devices() {
        List<Device> devices = new ArrayList<>();
        devices.add(main.manager().getDevice());
        replicas.forEach(r -> devices.add(r.manager().getDevice()));
        return devices;
    }

    /** Sets dropout on or off in every replica. */
    void setTraining(boolean training) {
        main.setTraining(training);
        replicas.forEach(r -> r.setTraining(training));
    }

    /**
     * Adds the gradients of the mean loss of {@code rows}, times {@code scale}, to the first task's
     * parameters and returns that loss (unscaled).
     */
    double backward(int[] rows, double scale) {
        List<int[]> shards = shards(rows, replicas.size() + 1);
        double[] weights = new double[shards.size()];
        double total = 0;
        for (int i = 0; i < shards.size(); i++) {
            weights[i] = task(i).lossWeight(shards.get(i));
            total += weights[i];
        }
        List<Future<Double>> losses = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            TrainingTask task = task(i);
            int[] shard = shards.get(i);
            double factor = total == 0 ? 0 : weights[i] / total;
            losses.add(workers.submit(() -> backward(task, shard, scale * factor) * factor));
        }
        double loss = 0;
        for (Future<Double> future : losses) {
            loss += await(future);
        }
        reduceGradients(shards.size() - 1);
        return loss;
    }

    /** Copies the first task's trainable weights to every replica (after an optimizer step). */
    void synchronize() {
        Map<String, NDArray> source = main.trainable();
        try (NoGradient off = new NoGradient()) {
            for (TrainingTask replica : replicas) {
                Map<String, NDArray> target = replica.trainable();
                for (Map.Entry<String, NDArray> e : source.entrySet()) {
                    NDArray to = target.get(e.getKey());
                    NDArray moved = e.getValue().toDevice(to.getDevice(), true);
                    to.set(new NDIndex("..."), moved);
                    moved.close();
                }
            }
        }
    }

    private TrainingTask task(int index) {
        return index == 0 ? main : replicas.get(index - 1);
    }

    /** Splits {@code rows} into at most {@code parts} contiguous, non-empty shards. */
    static List<int[]> shards(int[] rows, int parts) {
        int n = Math.min(parts, rows.length);
        List<int[]> shards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) rows.length * i / n);
            int to = (int) ((long) rows.length * (i + 1) / n);
            shards.add(Arrays.copyOfRange(rows, from, to));
        }
        return shards;
    }

    private static double backward(TrainingTask task, int[] rows, double scale) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager scope = task.manager().newSubManager()) {
            NDArray loss = task.loss(rows, scope);
            double value = loss.getFloat();
            if (Double.isFinite(value)) {
                NDArray scaled = Scalars.mul(loss, scale);
                NDArray seed = scope.ones(scaled.getShape(), scaled.getDataType());
                JniUtils.backward((PtNDArray) scaled, (PtNDArray) seed, false, false);
            }
            return value;
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /**
     * Adds the gradients of the first {@code used} replicas to the first task's and clears them.
     */
    private void reduceGradients(int used) {
        Map<String, NDArray> mine = main.trainable();
        for (int i = 0; i < used; i++) {
            Map<String, NDArray> theirs = replicas.get(i).trainable();
            for (Map.Entry<String, NDArray> e : mine.entrySet()) {
                NDArray other = theirs.get(e.getKey());
                try (NDArray gradient = ParameterGradients.of(e.getValue());
                        NDArray replicaGradient = ParameterGradients.of(other)) {
                    if (gradient != null && replicaGradient != null) {
                        try (NDArray moved = replicaGradient.toDevice(gradient.getDevice(), true)) {
                            gradient.addi(moved);
                        }
                    }
                }
                JniUtils.zeroGrad((PtNDArray) other);
            }
        }
    }

    /**
     * Waits for a replica's pass without reacting to interrupts: a cancellation ends the run after
     * the step (the loop polls its {@link dev.tunebook.finetune.Cancellation}), so the step must
     * complete; the interrupt status is kept for the caller.
     */
    private static double await(Future<Double> future) {
        try {
            return Uninterruptibles.getUninterruptibly(future);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        replicas.forEach(TrainingTask::close);
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not free a replica: " + e, e);
            }
        }
    }
}
