package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A model's configuration with its parameters by Hugging Face name.
 *
 * @param config the hyper-parameters
 * @param weights the parameters by name, as transformers names them
 */
public record ModelWeights(ModelConfig config, Map<String, NDArray> weights)
        implements AutoCloseable {

    /** Closes every parameter array. */
    @Override
    public void close() {
        weights.values().forEach(NDArray::close);
    }
}
