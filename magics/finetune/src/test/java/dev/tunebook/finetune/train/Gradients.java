package dev.tunebook.finetune.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.Map;

/** Gives parameters chosen gradients: the gradient of {@code sum(p * c)} with respect to p is c. */
final class Gradients {
    private Gradients() {}

    static void set(Map<String, NDArray> parameters, Map<String, float[]> gradients) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray total = null;
            for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
                NDArray p = entry.getValue();
                NDArray c = p.getManager().create(gradients.get(entry.getKey()), p.getShape());
                NDArray term = p.mul(c).sum();
                total = total == null ? term : total.add(term);
            }
            collector.backward(total);
        }
    }
}
