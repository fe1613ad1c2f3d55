package dev.tunebook.finetune.eval;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The size on disk of a model as tunebook saves it, measured by saving it to a temporary folder: a
 * full model's {@code model.safetensors} (F32 or F16, as held), a LoRA adapter's {@code
 * adapter_model.safetensors} and {@code adapter_config.json}.
 */
public final class ModelSize {
    private ModelSize() {}

    /**
     * Returns the bytes of the model's weights saved as safetensors, adapter layers excluded (the
     * size of a merged LoRA model).
     */
    public static long weights(LanguageModel model) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        model.weights()
                .forEach(
                        (name, array) -> {
                            if (!name.contains(".lora_A.")
                                    && !name.contains(".lora_B.")
                                    && !name.contains(".modules_to_save.")) {
                                tensors.put(name, array);
                            }
                        });
        return measure(dir -> SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors));
    }

    /**
     * Returns the bytes the model's weights take (elements times element size), which is the saved
     * size less the safetensors header; cheap for models too large to save just to measure.
     */
    public static long tensorBytes(LanguageModel model) {
        long total = 0;
        for (NDArray array : model.weights().values()) {
            total += array.getShape().size() * array.getDataType().getNumOfBytes();
        }
        return total;
    }

    /**
     * Returns the bytes the model's weights take without adapter layers (the size of the merged
     * model), elements times element size like {@link #tensorBytes}.
     */
    public static long mergedTensorBytes(LanguageModel model) {
        long total = 0;
        for (Map.Entry<String, NDArray> e : model.weights().entrySet()) {
            String name = e.getKey();
            if (!name.contains(".lora_A.")
                    && !name.contains(".lora_B.")
                    && !name.contains(".modules_to_save.")) {
                total +=
                        e.getValue().getShape().size() * e.getValue().getDataType().getNumOfBytes();
            }
        }
        return total;
    }

    /** Returns the bytes of the adapter saved in PEFT's format. */
    public static long adapter(LoraModel lora) {
        return measure(lora::save);
    }

    /** Returns the total size of the files in {@code folder}. */
    public static long folder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            long total = 0;
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    private interface Save {
        void into(Path dir) throws IOException;
    }

    private static long measure(Save save) {
        try {
            Path dir = Files.createTempDirectory("tunebook-size");
            try {
                save.into(dir);
                return folder(dir);
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not measure the saved size", e);
        }
    }
}
