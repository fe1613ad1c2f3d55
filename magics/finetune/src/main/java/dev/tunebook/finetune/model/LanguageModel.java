package dev.tunebook.finetune.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.tunebook.finetune.nn.Layer;
import dev.tunebook.finetune.weights.LoadMemoryCheck;
import dev.tunebook.finetune.weights.ModelConfig;
import dev.tunebook.finetune.weights.ModelWeights;
import dev.tunebook.finetune.weights.NotEnoughMemoryException;
import dev.tunebook.finetune.weights.WeightFiles;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private ModelConfig config;
    private boolean bareBase;
    private boolean training;

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

    /**
     * Loads a Hugging Face model folder ({@code config.json} and {@code model.safetensors}, or
     * sharded safetensors, or an ONNX BERT encoder; see {@link ModelWeights#load}) onto {@code
     * device}: GPT-2, Llama, Qwen2, Mistral, or BERT (an encoder, or {@code
     * BertForSequenceClassification} with its head).
     *
     * @throws WeightsFormatException if a file is missing or malformed, or a tensor is missing or
     *     has a shape the config does not imply (naming the file or folder and the field or tensor)
     * @throws NotEnoughMemoryException before reading any weight, when they would not fit the
     *     device's free memory ({@link LoadMemoryCheck})
     */
    public static LanguageModel load(Path folder, Device device) throws IOException {
        if (Files.isRegularFile(folder.resolve(WeightFiles.SINGLE))
                || Files.isRegularFile(folder.resolve(WeightFiles.INDEX))) {
            LoadMemoryCheck.of(folder, device).require(folder);
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            ModelWeights weights = ModelWeights.load(folder, manager);
            return assemble(weights.config(), weights.weights(), manager);
        } catch (IllegalArgumentException e) {
            manager.close();
            throw new WeightsFormatException(folder, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Creates the model that {@code weights} describe (for example an ONNX import) on {@code
     * device}; the weight arrays move to the model's manager, unused ones are closed.
     */
    public static LanguageModel fromWeights(ModelWeights weights, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            weights.weights().forEach((name, array) -> tensors.put(name, onDevice(array, device)));
            return assemble(weights.config(), tensors, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Returns a copy of this model on {@code device}: the same architecture and config, every
     * weight copied, and the same parameters frozen. Data-parallel training runs one per device.
     *
     * @throws IllegalStateException when the model has no config (built in code) or carries layers
     *     its config does not describe (a LoRA adapter applied to it)
     */
    public final LanguageModel replicate(Device device) {
        if (config == null) {
            throw new IllegalStateException("a model without a config cannot be replicated");
        }
        NDManager target = NDManager.newBaseManager(device);
        try {
            Map<String, NDArray> original = weights();
            Map<String, NDArray> copies = new LinkedHashMap<>();
            // toDevice(same device, copy = true) returns an array over the same storage in DJL
            // 0.36's PyTorch engine, so a copy on the same device must be a duplicate
            original.forEach(
                    (name, array) ->
                            copies.put(
                                    name,
                                    array.getDevice().equals(device)
                                            ? array.duplicate()
                                            : array.toDevice(device, true)));
            LanguageModel copy = assemble(config, copies, target);
            copy.bareBase = bareBase;
            copy.weights()
                    .forEach(
                            (name, array) ->
                                    array.setRequiresGradient(original.get(name).hasGradient()));
            return copy;
        } catch (IllegalArgumentException e) {
            target.close();
            throw new IllegalStateException("the model cannot be replicated: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    private static NDArray onDevice(NDArray array, Device device) {
        return array.getDevice().equals(device) ? array : array.toDevice(device, false);
    }

    private static LanguageModel assemble(
            ModelConfig config, Map<String, NDArray> tensors, NDManager manager) {
        LanguageModel model = ModelFactory.create(config, tensors, manager);
        model.loadWeights(tensors);
        model.config = config;
        Set<NDArray> used = Collections.newSetFromMap(new IdentityHashMap<>());
        used.addAll(model.weights().values());
        tensors.values().stream().filter(t -> !used.contains(t)).forEach(NDArray::close);
        return model;
    }

    /** Returns the configuration the model was loaded from, or {@code null} if built in code. */
    public final ModelConfig config() {
        return config;
    }

    /**
     * Switches between training mode (dropout active, as {@code model.train()}) and evaluation mode
     * (the default, as {@code model.eval()}).
     */
    @Override
    public final void setTraining(boolean training) {
        super.setTraining(training);
        this.training = training;
    }

    /** Returns whether the model is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** Returns the manager that owns the weights. */
    public final NDManager manager() {
        return manager;
    }

    /** Returns every parameter's current array by Hugging Face name. */
    public final Map<String, NDArray> weights() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        parameters()
                .forEach(
                        (name, p) -> {
                            if (!p.isInitialized()) {
                                throw new IllegalStateException(name + " is not loaded");
                            }
                            arrays.put(name, p.getArray());
                        });
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
            assign(e.getKey(), tensor);
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

    /** Sets the configuration that {@link #save} writes beside the weights. */
    public final void setConfig(ModelConfig config) {
        this.config = config;
    }

    /**
     * Saves the model as transformers does: {@code config.json} and {@code model.safetensors} (F32,
     * tensor names as in the checkpoint it came from; a tied head is not written), each written to
     * a temporary file and renamed, so a failed save never replaces a good file.
     *
     * @throws IllegalStateException if the model has no configuration to write
     */
    public final void save(Path folder) throws IOException {
        if (config == null) {
            throw new IllegalStateException("No config.json to save; call setConfig");
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        weights().forEach((name, array) -> tensors.put(savedName(name), array));
        new ModelWeights(config, tensors).save(folder);
    }

    private String savedName(String name) {
        return bareBase && name.startsWith(basePrefix) ? name.substring(basePrefix.length()) : name;
    }

    /**
     * Converts every weight in place to {@code dtype}: FLOAT32, or FLOAT16 to halve memory (on a
     * GPU; PyTorch's CPU kernels for FLOAT16 are slow). BF16 is refused: DJL 0.36 cannot hold it.
     *
     * @throws IllegalArgumentException for any other type
     */
    public final void toType(DataType dtype) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("Models run in float32 or float16, not " + dtype);
        }
        for (Map.Entry<String, NDArray> e : weights().entrySet()) {
            NDArray old = e.getValue();
            if (old.getDataType() != dtype) {
                NDArray converted = old.toType(dtype, false);
                converted.attach(manager);
                assign(e.getKey(), converted);
                converted.setRequiresGradient(true);
                old.close();
            }
        }
    }

    /** Returns the type of the weights. */
    public final DataType dataType() {
        return weights().values().iterator().next().getDataType();
    }

    /** Closes the weights and everything else in the model's manager. */
    @Override
    public void close() {
        manager.close();
    }
}
