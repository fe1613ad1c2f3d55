package dev.tunebook.finetune.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The arrays of a saved PEFT adapter ({@code adapter_model.safetensors}), looked up by PEFT's keys
 * and checked against the shapes the model implies. Every tensor must be used exactly once.
 */
final class FileAdapterTensors implements AdapterTensors {
    private final Path file;
    private final NDManager target;
    private final Map<String, NDArray> remaining;

    /** Takes {@code tensors} read from {@code file}; used ones are attached to {@code target}. */
    FileAdapterTensors(Path file, Map<String, NDArray> tensors, NDManager target) {
        this.file = file;
        this.target = target;
        this.remaining = new LinkedHashMap<>(tensors);
    }

    @Override
    public NDArray lora(String name, Shape shape) throws WeightsFormatException {
        return take(name, shape);
    }

    @Override
    public NDArray copy(String name, NDArray original) throws WeightsFormatException {
        return take(name, original.getShape());
    }

    private NDArray take(String name, Shape shape) throws WeightsFormatException {
        String key = PeftNames.adapterKey(name);
        NDArray tensor = remaining.remove(key);
        if (tensor == null) {
            throw new WeightsFormatException(
                    file, "lacks tensor " + key + " that the adapter config implies");
        }
        if (!tensor.getShape().equals(shape)) {
            throw new WeightsFormatException(
                    file,
                    "tensor "
                            + key
                            + " has shape "
                            + tensor.getShape()
                            + " but the base model implies "
                            + shape);
        }
        tensor.attach(target);
        return tensor;
    }

    @Override
    public void checkAllUsed() throws WeightsFormatException {
        if (!remaining.isEmpty()) {
            throw new WeightsFormatException(
                    file,
                    "tensors "
                            + new TreeSet<>(remaining.keySet())
                            + " match no module of the base model; is it the adapter's base?");
        }
    }
}
