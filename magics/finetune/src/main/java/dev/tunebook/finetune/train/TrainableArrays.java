package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import dev.tunebook.finetune.weights.Weights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The trainable parameters of a run as one safetensors file, {@code trainable.safetensors}, under
 * their live names (F32, so a restore is bit-exact).
 */
final class TrainableArrays {
    static final String FILE = "trainable.safetensors";

    private TrainableArrays() {}

    static void save(Path dir, Map<String, NDArray> trainable) throws IOException {
        SafetensorsWriter.write(dir.resolve(FILE), trainable);
    }

    /**
     * Saves {@code trainable} and, for a LoRA run ({@code lora} not null), the adapter in PEFT's
     * format under {@code dir/adapter}: a checkpoint any PEFT user can load.
     */
    static void save(Path dir, Map<String, NDArray> trainable, LoraModel lora) throws IOException {
        save(dir, trainable);
        if (lora != null) {
            lora.save(dir.resolve("adapter"));
        }
    }

    /**
     * Reads the saved arrays into {@code manager} and hands each to {@code assign}, closing the
     * array it replaces.
     *
     * @throws IOException when the file lacks a trainable parameter or holds an unknown one
     */
    static void restore(
            Path dir,
            NDManager manager,
            Map<String, NDArray> current,
            BiConsumer<String, NDArray> assign)
            throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, NDArray> saved = Weights.load(file, manager);
        if (!saved.keySet().equals(current.keySet())) {
            saved.values().forEach(NDArray::close);
            throw new IOException(
                    file + ": holds " + saved.keySet() + " but the run trains " + current.keySet());
        }
        for (Map.Entry<String, NDArray> e : saved.entrySet()) {
            NDArray old = current.get(e.getKey());
            NDArray array = e.getValue();
            array.setRequiresGradient(true);
            assign.accept(e.getKey(), array);
            old.close();
        }
    }
}
