package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face model on DJL: a tree of layers whose parameter names are the checkpoint's tensor
 * names, the manager that owns the weights, and the {@code forward}/{@code loss} pair.
 *
 * <p>Arrays created by {@code forward} and {@code loss} live in the manager of the input ids; run
 * each step in a sub-manager of {@link #manager()} and close it afterwards. Instances are not
 * thread-safe.
 */
public abstract class LanguageModel extends Layer implements AutoCloseable {
    private final NDManager manager;
    private final String basePrefix;
    private String configJson;
    private boolean bareBase;

    /**
     * Creates an empty model owning {@code manager}.
     *
     * @param basePrefix the name of the base-model child ({@code "model"}, {@code "bert"}, ...),
     *     which checkpoints of the bare base model omit
     */
    protected LanguageModel(NDManager manager, String basePrefix) {
        this.manager = manager;
        this.basePrefix = basePrefix + ".";
    }

    /** Returns the logits for {@code inputIds [batch, length]} and its attention mask. */
    public abstract NDArray forward(NDArray inputIds, NDArray attentionMask);

    /** Returns the model's training loss for the batch, as transformers computes it. */
    public abstract NDArray loss(NDArray inputIds, NDArray attentionMask, NDArray labels);

    /** Returns the manager that owns the weights. */
    public final NDManager manager() {
        return manager;
    }

    /** Returns every parameter's current array by Hugging Face name. */
    public final Map<String, NDArray> weights() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        parameters().forEach((name, p) -> arrays.put(name, array(p)));
        return arrays;
    }

    /**
     * Sets every parameter from {@code tensors} (checkpoint names to arrays), which are attached to
     * this model's manager and marked as requiring gradients. Tensors the model does not use (a
     * tied {@code lm_head}, buffers, other heads) are ignored.
     *
     * @throws IllegalArgumentException naming the first missing tensor or mismatched shape
     */
    public final void loadWeights(Map<String, NDArray> tensors) {
        List<String> missing = new ArrayList<>();
        Map<String, Shape> shapes = parameterShapes();
        for (Map.Entry<String, Parameter> e : parameters().entrySet()) {
            NDArray tensor = lookUp(tensors, e.getKey());
            if (tensor == null) {
                missing.add(e.getKey());
                continue;
            }
            Shape expected = shapes.get(e.getKey());
            if (!Arrays.equals(tensor.getShape().getShape(), expected.getShape())) {
                throw new IllegalArgumentException(
                        "Tensor "
                                + e.getKey()
                                + " has shape "
                                + tensor.getShape()
                                + " but the config implies "
                                + expected);
            }
            tensor.attach(manager);
            e.getValue().setArray(tensor);
            tensor.setRequiresGradient(true);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Checkpoint lacks tensors " + missing);
        }
    }

    private NDArray lookUp(Map<String, NDArray> tensors, String name) {
        NDArray tensor = tensors.get(name);
        if (tensor == null && name.startsWith(basePrefix)) {
            tensor = tensors.get(name.substring(basePrefix.length()));
            bareBase |= tensor != null;
        }
        return tensor;
    }

    /** Sets the {@code config.json} text that {@link #save} writes beside the weights. */
    public final void setConfigJson(String configJson) {
        this.configJson = configJson;
    }

    /** Returns the {@code config.json} text this model was created from, or {@code null}. */
    public final String configJson() {
        return configJson;
    }

    /**
     * Saves the model as transformers does: {@code config.json} and {@code model.safetensors} (F32,
     * tensor names as in the checkpoint it came from; a tied head is not written), each written to
     * a temporary file and renamed, so a failed save never replaces a good file.
     *
     * @throws IllegalStateException if the model has no config text to write
     */
    public final void save(Path folder) throws IOException {
        if (configJson == null) {
            throw new IllegalStateException("No config.json text to save; call setConfigJson");
        }
        Files.createDirectories(folder);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        weights().forEach((name, array) -> tensors.put(savedName(name), array));
        SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors);
        Path config = folder.resolve("config.json").toAbsolutePath();
        Path temp = Files.createTempFile(config.getParent(), ".config.json", ".tmp");
        try {
            Files.writeString(temp, configJson, StandardCharsets.UTF_8);
            Files.move(
                    temp,
                    config,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private String savedName(String name) {
        return bareBase && name.startsWith(basePrefix) ? name.substring(basePrefix.length()) : name;
    }

    /** Closes the weights and everything else in the model's manager. */
    @Override
    public void close() {
        manager.close();
    }
}
