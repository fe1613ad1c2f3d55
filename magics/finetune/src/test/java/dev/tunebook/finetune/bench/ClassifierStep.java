package dev.tunebook.finetune.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.Pooling;
import dev.tunebook.finetune.nn.CrossEntropy;
import dev.tunebook.finetune.train.AdamW;
import dev.tunebook.finetune.train.GradientClipping;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One full fine-tuning step of a sentence classifier on a {@link BertModel}, done as {@link
 * dev.tunebook.finetune.train.TrainingStep} does it: forward in a sub-manager, mean pooling, a
 * linear head, cross-entropy, backward, global-norm clipping to 1.0 and an {@link AdamW} step. Each
 * phase's wall time is recorded.
 *
 * <p>Instances are not thread-safe.
 */
final class ClassifierStep implements AutoCloseable {
    final StepTimes forward = new StepTimes();
    final StepTimes backward = new StepTimes();
    final StepTimes clip = new StepTimes();
    final StepTimes optimizer = new StepTimes();
    private final BertModel model;
    private final NDArray headWeight;
    private final NDArray headBias;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final AdamW adam = AdamW.builder().build();

    ClassifierStep(BertModel model, int labels) {
        this.model = model;
        NDManager manager = model.manager();
        long hidden =
                model.weights().get("bert.embeddings.word_embeddings.weight").getShape().get(1);
        headWeight =
                manager.randomNormal(
                        0, 0.02f, new Shape(labels, hidden), ai.djl.ndarray.types.DataType.FLOAT32);
        headBias = manager.zeros(new Shape(labels));
        model.weights()
                .forEach(
                        (name, array) -> {
                            if (array.hasGradient()) {
                                trainable.put(name, array);
                            }
                        });
        headWeight.setRequiresGradient(true);
        headBias.setRequiresGradient(true);
        trainable.put("classifier.weight", headWeight);
        trainable.put("classifier.bias", headBias);
    }

    /** Returns the number of trainable tensors. */
    int tensors() {
        return trainable.size();
    }

    /**
     * Runs one step on {@code ids} and {@code mask} {@code [batch, length]} and returns the loss.
     */
    float run(long[] ids, long[] mask, long[] labels, int batch, int length) {
        long start = System.nanoTime();
        float value;
        try (NDManager scope = model.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Shape shape = new Shape(batch, length);
            NDArray maskArray = scope.create(mask, shape);
            NDArray pooled = model.embed(scope.create(ids, shape), maskArray, Pooling.MEAN);
            NDArray logits = Linear.linear(pooled, headWeight, headBias).singletonOrThrow();
            NDArray loss = CrossEntropy.classification(logits, scope.create(labels));
            value = loss.getFloat();
            forward.addSince(start);
            start = System.nanoTime();
            collector.backward(loss);
        }
        backward.addSince(start);
        start = System.nanoTime();
        double norm = GradientClipping.globalNorm(trainable.values());
        clip.addSince(start);
        start = System.nanoTime();
        adam.step(trainable, 2e-5, GradientClipping.coefficient(norm, 1.0));
        optimizer.addSince(start);
        return value;
    }

    /** Waits for the device: reading the head's bias queues behind the step's last kernel. */
    void sync() {
        headBias.getFloat(0);
    }

    @Override
    public void close() {
        adam.close();
    }
}
