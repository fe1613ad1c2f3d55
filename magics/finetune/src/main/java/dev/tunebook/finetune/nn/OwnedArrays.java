package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates arrays from Java data in memory the engine owns. DJL's {@code NDManager.create(float[])}
 * on PyTorch's CPU wraps a direct buffer that only the Java array object keeps alive; a view of it
 * that autograd saved, or that outlives the object, reads freed memory once the garbage collector
 * frees the buffer. Copying once into engine memory removes that hazard for a few microseconds.
 */
public final class OwnedArrays {
    private OwnedArrays() {}

    /** Returns {@code data} as an array of {@code shape} in engine-owned memory. */
    public static NDArray of(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    /** Returns {@code data} as an array of {@code shape} in engine-owned memory. */
    public static NDArray of(NDManager manager, long[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    /** Returns {@code data} as a vector in engine-owned memory. */
    public static NDArray of(NDManager manager, long[] data) {
        return of(manager, data, new Shape(data.length));
    }
}
