package dev.tunebook.finetune.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.Fixtures;
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

    /**
     * Returns the device the parity tests run on: {@code -Dtunebook.device=gpu} (the GPU checks of
     * {@code docker/gpu}) or the CPU by default. Asking for a GPU the engine does not see fails
     * rather than passing on the CPU.
     */
    public static Device device() {
        String name = System.getProperty("tunebook.device", "cpu");
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        if (!name.equals("gpu")) {
            throw new IllegalArgumentException("tunebook.device must be cpu or gpu, not " + name);
        }
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus == 0) {
            throw new IllegalStateException("tunebook.device=gpu but the engine sees no GPU");
        }
        return Device.gpu();
    }

    /** Reads every tensor of a safetensors file into {@code manager}. */
    public static Map<String, NDArray> tensors(Path file, NDManager manager) throws IOException {
        return ReferenceTensors.read(file, manager);
    }
}
