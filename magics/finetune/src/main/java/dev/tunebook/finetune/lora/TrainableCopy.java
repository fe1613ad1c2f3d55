package dev.tunebook.finetune.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.tunebook.finetune.nn.Conv1D;
import dev.tunebook.finetune.nn.Layer;
import dev.tunebook.finetune.nn.LayerGroup;
import dev.tunebook.finetune.nn.Linear;
import dev.tunebook.finetune.nn.Projection;
import java.util.Map;

/**
 * A module trained in full beside a LoRA adapter ({@code modules_to_save}), as PEFT's {@code
 * ModulesToSaveWrapper}: the frozen {@code original_module} and a trainable copy under {@code
 * modules_to_save.default}, which computes the output. Wraps linear layers and Conv1D (a classifier
 * or {@code score} head).
 *
 * <p>Instances are not thread-safe.
 */
public final class TrainableCopy extends Layer implements Projection {
    private final Layer copy;
    private boolean enabled = true;

    /**
     * Wraps {@code original}; the copy's arrays are set by the caller.
     *
     * @throws IllegalArgumentException if {@code original} is another kind of layer
     */
    public TrainableCopy(Layer original) {
        copy = emptyCopy(original);
        addChild("original_module", original);
        addChild("modules_to_save", new LayerGroup()).add(PeftNames.DEFAULT_ADAPTER, copy);
    }

    private static Layer emptyCopy(Layer original) {
        if (original instanceof Linear l) {
            return new Linear(l.inFeatures(), l.outFeatures(), l.bias() != null);
        }
        if (original instanceof Conv1D c) {
            long[] shape = c.parameterShapes().get("weight").getShape();
            return new Conv1D(shape[0], shape[1]);
        }
        throw new IllegalArgumentException(
                "modules_to_save can hold Linear and Conv1D layers, not "
                        + original.getClass().getSimpleName());
    }

    @Override
    public NDArray forward(NDArray input) {
        return ((Projection) (enabled ? copy : original())).forward(input);
    }

    /** Computes with the trained copy (the default) or, when disabled, the original. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Returns the frozen original layer. */
    public Layer original() {
        return child("original_module");
    }

    /** Returns the trainable copy, which replaces this wrapper when an adapter is merged. */
    public Layer copy() {
        return copy;
    }

    /** Returns the copy's parameters by their names inside the copy ({@code weight}, ...). */
    public Map<String, Parameter> copyParameters() {
        return copy.parameters();
    }
}
