package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads every tensor of a fixture safetensors file into {@code manager}. */
final class ReferenceTensors {
    private ReferenceTensors() {}

    static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            for (String name : st.tensors().keySet()) {
                tensors.put(name, st.toNDArray(name, manager));
            }
        }
        return tensors;
    }
}
