package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/** What of a model's weights trains, and how many parameters it has in all. */
final class TrainableWeights {
    private TrainableWeights() {}

    /** Returns the weights that require a gradient, in the model's order. */
    static Map<String, NDArray> of(Map<String, NDArray> weights) {
        Map<String, NDArray> kept = new LinkedHashMap<>();
        weights.forEach(
                (name, array) -> {
                    if (array.hasGradient()) {
                        kept.put(name, array);
                    }
                });
        return kept;
    }

    /** Returns the number of parameters in {@code weights}, trained or not. */
    static long count(Map<String, NDArray> weights) {
        return weights.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }
}
