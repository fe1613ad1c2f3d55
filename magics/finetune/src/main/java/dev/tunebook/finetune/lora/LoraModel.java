package dev.tunebook.finetune.lora;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.nn.Layer;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import dev.tunebook.finetune.weights.Weights;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link LanguageModel} with a LoRA adapter, as PEFT's {@code PeftModel}: the targets wrapped in
 * {@link LoraLinear}s, the modules to save wrapped in {@link TrainableCopy}s, and every other
 * parameter frozen. The model's own {@code forward} and {@code loss} run the adapted network.
 *
 * <p>Parameter names follow PEFT's live names without the adapter name ({@code
 * ...q_proj.base_layer.weight}, {@code ...q_proj.lora_A.weight}); {@link PeftNames} maps them.
 * After {@link #mergeAndUnload} the model is a plain model again and this object is spent.
 *
 * <p>Instances are not thread-safe.
 */
public final class LoraModel {
    /** The adapter config file name in a PEFT adapter folder. */
    public static final String CONFIG_FILE = "adapter_config.json";

    /** The adapter weights file name in a PEFT adapter folder. */
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";

    private final LanguageModel model;
    private LoraConfig config;
    private final Map<String, LoraLinear> adapted = new LinkedHashMap<>();
    private final Map<String, TrainableCopy> copies = new LinkedHashMap<>();
    private boolean unloaded;

    private LoraModel(LanguageModel model, LoraConfig config) {
        this.model = model;
        this.config = config;
    }

    /**
     * Adds a new adapter to {@code model}, initialised as PEFT does ({@code lora_B} zero, so the
     * output is unchanged at first), and freezes everything else.
     *
     * @param seed seeds the initialisation of {@code lora_A}
     * @throws IllegalArgumentException if no module of the model is a target
     */
    public static LoraModel apply(LanguageModel model, LoraConfig config, long seed) {
        LoraModel lora = new LoraModel(model, config);
        try {
            lora.install(new FreshAdapterTensors(model.manager(), seed));
        } catch (IOException e) {
            throw new IllegalStateException("a fresh adapter reads no files", e);
        }
        return lora;
    }

    /**
     * Loads a PEFT adapter folder ({@code adapter_config.json} and {@code
     * adapter_model.safetensors}) onto {@code model}, its base model. The model is left untouched
     * if the adapter does not fit it.
     *
     * @throws WeightsFormatException naming the file and field or tensor at fault: a missing file,
     *     a tensor the config implies but the file lacks, a wrong shape, or a tensor that matches
     *     no module
     */
    public static LoraModel load(LanguageModel model, Path folder) throws IOException {
        LoraConfig config = LoraConfig.read(folder.resolve(CONFIG_FILE));
        Path file = folder.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new WeightsFormatException(file, "adapter weights not found");
        }
        LoraModel lora = new LoraModel(model, config);
        try (NDManager scratch = model.manager().newSubManager()) {
            Map<String, NDArray> tensors = Weights.load(file, scratch);
            lora.install(new FileAdapterTensors(file, tensors, model.manager()));
        }
        return lora;
    }

    /**
     * Loads a PEFT adapter folder together with its base model, the local folder named by {@code
     * base_model_name_or_path} (absolute, or relative to the adapter folder or else the working
     * directory). Closing {@link #model()} frees both.
     *
     * @throws WeightsFormatException if the field is unset or names no model folder, naming the
     *     paths tried, or if the adapter does not fit its base
     */
    public static LoraModel loadPretrained(Path folder, Device device) throws IOException {
        Path base = AdapterBase.resolve(folder, LoraConfig.read(folder.resolve(CONFIG_FILE)));
        LanguageModel model = LanguageModel.load(base, device);
        try {
            return load(model, folder);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private void install(AdapterTensors source) throws IOException {
        if (!config.hasTargets()) {
            if (model.config() == null) {
                throw new IllegalArgumentException(
                        "The LoRA config names no target modules and the model has no config"
                                + " to pick defaults from");
            }
            config = config.withDefaultTargets(model.config().modelType());
        }
        ModuleTargets targets = ModuleTargets.find(model, config);
        config = targets.fitLayout(model, config);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try {
            for (String path : targets.lora()) {
                BaseWeight base = BaseWeight.of(model.find(path));
                Shape a = new Shape(config.rank(), base.in());
                Shape b = new Shape(base.out(), config.rank());
                arrays.put(path + ".lora_A.weight", source.lora(path + ".lora_A.weight", a));
                arrays.put(path + ".lora_B.weight", source.lora(path + ".lora_B.weight", b));
            }
            for (String path : targets.savedInFull()) {
                for (Map.Entry<String, Parameter> p : model.find(path).parameters().entrySet()) {
                    String name = path + "." + p.getKey();
                    arrays.put(name, source.copy(name, p.getValue().getArray()));
                }
            }
            source.checkAllUsed();
        } catch (IOException | RuntimeException e) {
            arrays.values().forEach(NDArray::close);
            throw e;
        }
        targets.lora().forEach(path -> wrapLora(path, arrays));
        targets.savedInFull().forEach(path -> wrapCopy(path, arrays));
        freeze();
    }

    private void wrapLora(String path, Map<String, NDArray> arrays) {
        LoraLinear layer =
                new LoraLinear(model.find(path), config.rank(), config.scaling(), config.dropout());
        setTrainable(layer.loraA(), arrays.get(path + ".lora_A.weight"));
        setTrainable(layer.loraB(), arrays.get(path + ".lora_B.weight"));
        replace(path, layer);
        adapted.put(path, layer);
    }

    private void wrapCopy(String path, Map<String, NDArray> arrays) {
        TrainableCopy copy = new TrainableCopy(model.find(path));
        copy.copyParameters().forEach((name, p) -> setTrainable(p, arrays.get(path + "." + name)));
        replace(path, copy);
        copies.put(path, copy);
    }

    private static void setTrainable(Parameter parameter, NDArray array) {
        parameter.setArray(array);
        array.setRequiresGradient(true);
    }

    private void freeze() {
        Map<String, Parameter> trainable = trainableParameters();
        model.parameters()
                .forEach(
                        (name, p) -> p.getArray().setRequiresGradient(trainable.containsKey(name)));
    }

    private void replace(String path, Layer replacement) {
        int dot = path.lastIndexOf('.');
        Layer parent = dot < 0 ? model : model.find(path.substring(0, dot));
        parent.replaceChild(path.substring(dot + 1), replacement);
    }

    /** Returns the adapted model. */
    public LanguageModel model() {
        return model;
    }

    /** Returns the adapter's config. */
    public LoraConfig config() {
        return config;
    }

    /** Returns the LoRA layers by the dotted name of the module they wrap. */
    public Map<String, LoraLinear> adaptedModules() {
        return Collections.unmodifiableMap(adapted);
    }

    /** Returns the parameters the adapter trains (LoRA matrices, copies) by model name. */
    public Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> trainable = new LinkedHashMap<>();
        adapted.forEach(
                (path, layer) -> {
                    trainable.put(path + ".lora_A.weight", layer.loraA());
                    trainable.put(path + ".lora_B.weight", layer.loraB());
                });
        copies.forEach(
                (path, copy) ->
                        copy.copyParameters()
                                .forEach(
                                        (name, p) ->
                                                trainable.put(
                                                        path + ".modules_to_save.default." + name,
                                                        p)));
        return trainable;
    }

    /** Counts parameters that require gradients and all parameters, as PEFT reports them. */
    public ParameterCount parameterCount() {
        long trainable = 0;
        long total = 0;
        for (Parameter p : model.parameters().values()) {
            NDArray array = p.getArray();
            long size = array.getShape().size();
            total += size;
            trainable += array.hasGradient() ? size : 0;
        }
        return new ParameterCount(trainable, total);
    }

    /**
     * Switches the model between training (LoRA and model dropout active) and evaluation, as {@code
     * peft_model.train()} and {@code eval()}.
     */
    public void setTraining(boolean training) {
        model.setTraining(training);
    }

    /**
     * Turns the adapter off (the base model's own output, as inside PEFT's {@code
     * disable_adapter()}) or on again. Turning it off unmerges a merged adapter.
     */
    public void setAdapterEnabled(boolean enabled) {
        checkLive();
        adapted.values().forEach(layer -> layer.setEnabled(enabled));
        copies.values().forEach(copy -> copy.setEnabled(enabled));
    }

    /**
     * Saves the adapter as PEFT does: {@code adapter_model.safetensors} (F32, PEFT's keys) and
     * {@code adapter_config.json}, each written to a temporary file and renamed into place.
     */
    public void save(Path folder) throws IOException {
        save(folder, Map.of(), null);
    }

    /**
     * Saves the adapter with modules trained in full outside it, such as a new classification head
     * ({@code classifier.weight} and {@code classifier.bias}): PEFT's {@code modules_to_save}, so
     * their arrays are saved under PEFT's keys ({@code base_model.model.classifier.weight}) and
     * their modules ({@code classifier}) are added to the config's {@code modules_to_save}.
     *
     * @param extra arrays by model name ({@code module.parameter})
     * @param taskType the config's {@code task_type} ({@code SEQ_CLS} for a classifier), or null to
     *     keep the adapter's
     */
    public void save(Path folder, Map<String, NDArray> extra, String taskType) throws IOException {
        checkLive();
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        trainableParameters()
                .forEach(
                        (name, p) ->
                                tensors.put(PeftNames.adapterKey(savedName(name)), p.getArray()));
        java.util.Set<String> modules = new java.util.LinkedHashSet<>(config.modulesToSave());
        extra.forEach(
                (name, array) -> {
                    tensors.put(PeftNames.adapterKey(name), array);
                    modules.add(name.substring(0, name.lastIndexOf('.')));
                });
        Files.createDirectories(folder);
        SafetensorsWriter.write(folder.resolve(WEIGHTS_FILE), tensors);
        LoraConfig saved =
                extra.isEmpty() && taskType == null
                        ? config
                        : config.toBuilder()
                                .optModulesToSave(List.copyOf(modules))
                                .optTaskType(taskType == null ? config.taskType() : taskType)
                                .build();
        saved.write(folder.resolve(CONFIG_FILE));
    }

    private static String savedName(String name) {
        return name.replace(".modules_to_save.default.", ".");
    }

    /** Adds every LoRA update into its base weight, so the forward pass skips the adapter. */
    public void merge() {
        checkLive();
        adapted.values().forEach(LoraLinear::merge);
    }

    /** Takes every merged LoRA update out of its base weight again. */
    public void unmerge() {
        checkLive();
        adapted.values().forEach(LoraLinear::unmerge);
    }

    /**
     * Merges the adapter and removes its layers, as PEFT's {@code merge_and_unload}: each LoRA
     * layer is replaced by its updated base layer, each module saved in full by its trained copy.
     *
     * @return the model, now a plain model with the base names, ready for {@code save}
     */
    public LanguageModel mergeAndUnload() {
        setAdapterEnabled(true);
        merge();
        adapted.forEach((path, layer) -> replace(path, layer.baseLayer()));
        copies.forEach((path, copy) -> replace(path, copy.copy()));
        unloaded = true;
        return model;
    }

    private void checkLive() {
        if (unloaded) {
            throw new IllegalStateException("The adapter was merged and unloaded");
        }
    }
}
