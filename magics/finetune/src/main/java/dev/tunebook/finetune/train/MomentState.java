package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** The AdamW state of one parameter: its step count and first and second moments. */
final class MomentState implements AutoCloseable {
    private final NDArray expAvg;
    private final NDArray expAvgSq;
    private long steps;

    MomentState(NDArray expAvg, NDArray expAvgSq, long steps) {
        this.expAvg = expAvg;
        this.expAvgSq = expAvgSq;
        this.steps = steps;
    }

    static MomentState zeros(NDManager manager, NDArray like) {
        NDArray m = manager.zeros(like.getShape(), DataType.FLOAT32, like.getDevice());
        NDArray v = manager.zeros(like.getShape(), DataType.FLOAT32, like.getDevice());
        return new MomentState(m, v, 0);
    }

    /** Counts one more step and returns the new count. */
    long advance() {
        return ++steps;
    }

    long steps() {
        return steps;
    }

    NDArray expAvg() {
        return expAvg;
    }

    NDArray expAvgSq() {
        return expAvgSq;
    }

    @Override
    public void close() {
        expAvg.close();
        expAvgSq.close();
    }
}
