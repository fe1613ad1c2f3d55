package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Opens the fixture models and tensors to tests of other packages (LoRA, training). */
public final class TestModels {
    private TestModels() {}

    /** Returns the fixtures sub-folder {@code name}; a missing folder fails the test. */
    public static Path fixtures(String name) {
        return Fixtures.dir(name);
    }

    /** Reads every tensor of a safetensors file into {@code manager}. */
    public static Map<String, NDArray> tensors(Path file, NDManager manager) throws IOException {
        return ReferenceTensors.read(file, manager);
    }
}
