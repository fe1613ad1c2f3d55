package dev.tunebook.finetune.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order in which a training split is visited: a fresh shuffle each epoch, derived only from the
 * seed and the epoch, read out in batches. Its {@link State} (seed, epoch, position) is all a
 * checkpoint needs to resume exactly where it stopped. Instances are not thread-safe.
 */
public final class DataOrder {
    private final int size;
    private final int batchSize;
    private final boolean dropLast;
    private final long seed;
    private int epoch;
    private int position;
    private int[] permutation;

    /**
     * Where a data order stands.
     *
     * @param seed the seed all epochs' shuffles derive from
     * @param epoch 0-based epoch
     * @param position how many examples of the epoch have been handed out
     */
    public record State(long seed, int epoch, int position) {}

    /**
     * Creates an order over {@code size} examples in batches of {@code batchSize}.
     *
     * @param dropLast whether a short final batch of an epoch is skipped
     */
    public DataOrder(int size, int batchSize, long seed, boolean dropLast) {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException("size and batch size must be >= 1");
        }
        this.size = size;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.seed = seed;
        this.permutation = permutation(seed, 0, size);
    }

    /**
     * Returns the shuffle of {@code size} indices for {@code epoch}: the same for the same seed.
     */
    public static int[] permutation(long seed, int epoch, int size) {
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Returns the number of batches in one epoch. */
    public int batchesPerEpoch() {
        return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
    }

    /**
     * Returns the indices of the next batch, moving to the next epoch's shuffle at an epoch end.
     */
    public int[] next() {
        if (epochFinished()) {
            epoch++;
            position = 0;
            permutation = permutation(seed, epoch, size);
        }
        int end = Math.min(size, position + batchSize);
        int[] batch = Arrays.copyOfRange(permutation, position, end);
        position = end;
        return batch;
    }

    /** Returns the 0-based epoch the last batch came from. */
    public int epoch() {
        return epoch;
    }

    /** Returns whether the current epoch has no batches left. */
    public boolean epochFinished() {
        int remaining = size - position;
        return remaining == 0 || (dropLast && remaining < batchSize);
    }

    /** Returns where the order stands, for a checkpoint. */
    public State state() {
        return new State(seed, epoch, position);
    }

    /** Returns an order that continues from {@code state}. */
    public static DataOrder restore(State state, int size, int batchSize, boolean dropLast) {
        DataOrder order = new DataOrder(size, batchSize, state.seed(), dropLast);
        if (state.position() < 0 || state.position() > size) {
            throw new IllegalArgumentException(
                    "position " + state.position() + " outside 0.." + size);
        }
        order.epoch = state.epoch();
        order.position = state.position();
        order.permutation = permutation(state.seed(), state.epoch(), size);
        return order;
    }
}
