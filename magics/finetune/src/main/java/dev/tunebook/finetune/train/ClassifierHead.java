package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.nn.Linear;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A new linear classification head, {@code classifier.weight [labels, hidden]} and {@code
 * classifier.bias [labels]}, initialised as transformers initialises a new {@code nn.Linear} of a
 * BERT model: weight from a normal distribution with standard deviation 0.02 ({@code
 * initializer_range}), bias zero. Instances are not thread-safe.
 */
final class ClassifierHead {
    static final String PREFIX = "classifier.";
    private final Linear linear;

    ClassifierHead(NDManager manager, long hidden, int labels, Random random) {
        linear = new Linear(hidden, labels, true);
        float[] weight = new float[Math.toIntExact(labels * hidden)];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (random.nextGaussian() * 0.02);
        }
        NDArray w;
        // Owned memory, not a wrapped Java buffer that the garbage collector may free.
        try (NDArray wrapped = manager.create(weight, new Shape(labels, hidden))) {
            w = wrapped.duplicate();
        }
        NDArray b = manager.zeros(new Shape(labels));
        w.setRequiresGradient(true);
        b.setRequiresGradient(true);
        linear.assign("weight", w);
        linear.assign("bias", b);
    }

    NDArray forward(NDArray pooled) {
        return linear.forward(pooled);
    }

    Map<String, NDArray> arrays() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        arrays.put(PREFIX + "weight", linear.weight().getArray());
        arrays.put(PREFIX + "bias", linear.bias().getArray());
        return arrays;
    }

    void assign(String name, NDArray array) {
        linear.assign(name.substring(PREFIX.length()), array);
    }

    long size() {
        return linear.inFeatures() * linear.outFeatures() + linear.outFeatures();
    }
}
