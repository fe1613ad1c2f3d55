package dev.tunebook.finetune.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model's configuration with its parameters by Hugging Face name.
 *
 * @param config the hyper-parameters
 * @param weights the parameters by name, as transformers names them
 */
public record ModelWeights(ModelConfig config, Map<String, NDArray> weights)
        implements AutoCloseable {

    /**
     * Loads the model in {@code folder}: {@code config.json} with safetensors weights (single or
     * sharded), or an ONNX BERT encoder ({@code model.onnx} or {@code onnx/model.onnx}, with {@code
     * config.json} if present, otherwise the configuration is inferred).
     *
     * @throws WeightsFormatException if a file is missing or malformed, naming it
     */
    public static ModelWeights load(Path folder, NDManager manager) throws IOException {
        Path onnx = onnxFile(folder);
        boolean safetensors =
                Files.isRegularFile(folder.resolve(WeightFiles.SINGLE))
                        || Files.isRegularFile(folder.resolve(WeightFiles.INDEX));
        if (onnx != null && !safetensors) {
            Path config = folder.resolve(ModelConfig.FILE_NAME);
            ModelConfig known = Files.isRegularFile(config) ? ModelConfig.read(config) : null;
            return OnnxBertImport.read(onnx, known, manager);
        }
        ModelConfig config = ModelConfig.read(folder);
        return new ModelWeights(config, Weights.load(folder, manager));
    }

    private static Path onnxFile(Path folder) {
        for (Path candidate :
                new Path[] {folder.resolve("model.onnx"), folder.resolve("onnx/model.onnx")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Saves the model as transformers does: {@code config.json} and {@code model.safetensors} (with
     * {@code {"format":"pt"}} metadata) in {@code folder}, each written atomically. The caller
     * chooses the tensors: leave out tied ones ({@code lm_head.weight}) as transformers does.
     */
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        SafetensorsWriter.write(folder.resolve(WeightFiles.SINGLE), weights);
        config.write(folder);
    }

    /** Closes every parameter array. */
    @Override
    public void close() {
        weights.values().forEach(NDArray::close);
    }
}
