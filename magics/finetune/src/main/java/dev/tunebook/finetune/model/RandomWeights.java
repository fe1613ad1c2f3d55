package dev.tunebook.finetune.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.nn.Layer;
import dev.tunebook.finetune.nn.OwnedArrays;
import dev.tunebook.finetune.nn.RmsNorm;
import dev.tunebook.finetune.weights.Architecture;
import dev.tunebook.finetune.weights.ModelConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Creates a model with freshly initialised weights, as transformers' {@code _init_weights} does for
 * the Llama family: every linear and embedding matrix drawn from a normal distribution with mean 0
 * and standard deviation {@code initializer_range}, every RMSNorm weight 1 (there are no biases).
 * The draws come from Java's {@link Random}, whose Gaussian sequence the JDK specifies, seeded per
 * parameter from the seed and the parameter's name: the same seed gives the same weights on every
 * JDK, engine and device, and adding a parameter does not change the others.
 */
public final class RandomWeights {
    private RandomWeights() {}

    /**
     * Returns a Llama-family model of {@code config} on {@code device} with random weights.
     *
     * @throws IllegalArgumentException when the config is not of the Llama family
     */
    public static CausalLanguageModel create(
            ModelConfig config, Device device, long seed, double std) {
        if (!config.architecture().isCausal() || config.architecture() == Architecture.GPT2) {
            throw new IllegalArgumentException(
                    "random initialisation is for the Llama family, not " + config.modelType());
        }
        NDManager manager = NDManager.newBaseManager(device);
        try {
            LanguageModel model = ModelFactory.create(config, Map.of(), manager);
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            model.parameterShapes()
                    .forEach(
                            (name, shape) ->
                                    tensors.put(
                                            name, draw(model, name, shape, seed, std, manager)));
            model.loadWeights(tensors);
            model.setConfig(config);
            return (CausalLanguageModel) model;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static NDArray draw(
            Layer model, String name, Shape shape, long seed, double std, NDManager manager) {
        float[] values = new float[Math.toIntExact(shape.size())];
        Layer owner = model.find(name.substring(0, name.lastIndexOf('.')));
        if (owner instanceof RmsNorm) {
            Arrays.fill(values, 1f);
        } else {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L + name.hashCode());
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        }
        return OwnedArrays.of(manager, values, shape);
    }
}
