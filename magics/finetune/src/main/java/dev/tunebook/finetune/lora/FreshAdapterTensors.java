package dev.tunebook.finetune.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Initialises a new adapter as PEFT does by default: {@code lora_A} Kaiming-uniform with {@code a =
 * sqrt(5)} (uniform in ±1/sqrt(in)), {@code lora_B} zero, so the adapted model starts equal to the
 * base; copies of modules saved in full start as the originals. A seed makes it repeatable.
 */
final class FreshAdapterTensors implements AdapterTensors {
    private final NDManager manager;
    private final Random random;

    FreshAdapterTensors(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new Random(seed);
    }

    @Override
    public NDArray lora(String name, Shape shape) {
        if (name.endsWith(".lora_B.weight")) {
            return manager.zeros(shape);
        }
        float bound = (float) (1 / Math.sqrt(shape.get(1)));
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextFloat() - 1) * bound;
        }
        // NDManager.create(float[]) wraps a Java direct buffer that the garbage collector frees;
        // a parameter must own its memory, as autograd keeps views of it (see DESIGN.md).
        try (NDArray wrapped = manager.create(values, shape)) {
            return wrapped.duplicate();
        }
    }

    @Override
    public NDArray copy(String name, NDArray original) {
        NDArray copy = original.duplicate();
        copy.attach(manager);
        return copy;
    }

    @Override
    public void checkAllUsed() {}
}
