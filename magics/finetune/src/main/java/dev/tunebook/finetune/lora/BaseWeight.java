package dev.tunebook.finetune.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.tunebook.finetune.nn.Conv1D;
import dev.tunebook.finetune.nn.Layer;
import dev.tunebook.finetune.nn.Linear;

/**
 * The weight of a layer LoRA can wrap, with its orientation: {@code [out, in]} for a linear layer,
 * {@code [in, out]} ({@code fan_in_fan_out}) for GPT-2's Conv1D.
 */
record BaseWeight(Layer layer, long in, long out, boolean fanInFanOut) {
    /**
     * Returns the weight of {@code layer}.
     *
     * @throws IllegalArgumentException if LoRA cannot wrap this kind of layer
     */
    static BaseWeight of(Layer layer) {
        if (layer instanceof Linear linear) {
            return new BaseWeight(linear, linear.inFeatures(), linear.outFeatures(), false);
        }
        if (layer instanceof Conv1D conv) {
            Shape shape = conv.parameterShapes().get("weight");
            return new BaseWeight(conv, shape.get(0), shape.get(1), true);
        }
        throw new IllegalArgumentException(
                "LoRA can wrap Linear and Conv1D layers, not " + layer.getClass().getSimpleName());
    }

    /**
     * Adds {@code sign * delta} to the weight in place, outside autograd, and closes {@code delta}.
     * A weight that requires gradients keeps requiring them.
     */
    void update(NDArray delta, int sign) {
        Parameter weight = layer.parameter("weight");
        if (!weight.isInitialized()) {
            throw new IllegalStateException("The weight of the LoRA base layer is not loaded");
        }
        NDArray array = weight.getArray();
        boolean trainable = array.hasGradient();
        try (delta) {
            if (trainable) {
                array.setRequiresGradient(false);
            }
            if (sign > 0) {
                array.addi(delta);
            } else {
                array.subi(delta);
            }
        } finally {
            if (trainable) {
                array.setRequiresGradient(true);
            }
        }
    }
}
