package dev.tunebook.finetune.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads model weights from safetensors files (single or sharded) into NDArrays. */
public final class Weights {
    private Weights() {}

    /**
     * Loads every tensor of a model: {@code path} is a Hugging Face model folder (with {@code
     * model.safetensors} or {@code model.safetensors.index.json}), a {@code .safetensors} file, or
     * a sharded index file.
     *
     * <p>Pickle checkpoints ({@code pytorch_model.bin}, {@code .pt}, {@code .pth}, {@code .ckpt})
     * are refused: unpickling runs arbitrary code. The error says how to convert them.
     *
     * @return the tensors by name, in file order; closing {@code manager} frees them
     * @throws WeightsFormatException if a file is malformed, missing or a pickle
     */
    public static Map<String, NDArray> load(Path path, NDManager manager) throws IOException {
        WeightFiles files = WeightFiles.resolve(path);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        Map<String, Path> loadedFrom = new HashMap<>();
        try {
            for (Path file : files.files()) {
                loadFile(file, manager, tensors, loadedFrom);
            }
            files.checkIndex(loadedFrom);
            return tensors;
        } catch (IOException | RuntimeException e) {
            tensors.values().forEach(NDArray::close);
            throw e;
        }
    }

    private static void loadFile(
            Path file, NDManager manager, Map<String, NDArray> into, Map<String, Path> loadedFrom)
            throws IOException {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            for (String name : st.tensors().keySet()) {
                if (into.containsKey(name)) {
                    throw new WeightsFormatException(
                            file, "tensor '" + name + "' appears in more than one shard");
                }
            }
            Map<String, NDArray> arrays = ParallelTensorReader.read(st, manager);
            arrays.forEach(
                    (name, array) -> {
                        array.setName(name);
                        into.put(name, array);
                        loadedFrom.put(name, file);
                    });
        }
    }
}
