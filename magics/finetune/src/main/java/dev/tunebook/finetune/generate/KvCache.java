package dev.tunebook.finetune.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of the positions seen so far, per decoder layer, so that generation computes only
 * the new positions. Arrays are {@code [batch, kvHeads, length, headDim]} and live in the cache's
 * own manager; closing the cache frees them.
 *
 * <p>Instances are not thread-safe.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    /** Creates an empty cache for {@code layers} layers in a sub-manager of {@code parent}. */
    public KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Returns the number of cached positions. */
    public int length() {
        return length;
    }

    /**
     * Appends the new keys and values of {@code layer} and returns the full {@code [keys, values]};
     * the returned arrays belong to the cache. The last layer to append advances the length.
     */
    public NDList append(int layer, NDArray newKeys, NDArray newValues) {
        keys[layer] = extend(keys[layer], newKeys);
        values[layer] = extend(values[layer], newValues);
        if (layer == keys.length - 1) {
            length = (int) keys[layer].getShape().get(2);
        }
        return new NDList(keys[layer], values[layer]);
    }

    private NDArray extend(NDArray cached, NDArray fresh) {
        if (cached == null) {
            NDArray copy = fresh.duplicate();
            copy.attach(manager);
            return copy;
        }
        NDArray joined = NDArrays.concat(new NDList(cached, fresh), 2);
        joined.attach(manager);
        cached.close();
        return joined;
    }

    @Override
    public void close() {
        manager.close();
    }
}
