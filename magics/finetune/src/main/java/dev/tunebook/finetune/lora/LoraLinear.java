package dev.tunebook.finetune.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.tunebook.finetune.nn.Dropout;
import dev.tunebook.finetune.nn.Layer;
import dev.tunebook.finetune.nn.Linear;
import dev.tunebook.finetune.nn.Projection;
import dev.tunebook.finetune.nn.Scalars;

/**
 * A projection with a LoRA update, as PEFT's {@code lora.Linear}: {@code base(x) + lora_B(lora_A(
 * dropout(x))) * scaling}, where {@code lora_A} is {@code [r, in]} and {@code lora_B} is {@code
 * [out, r]}. The base layer keeps its own weights under the child name {@code base_layer}.
 *
 * <p>For GPT-2's Conv1D ({@code fan_in_fan_out}) the base weight is stored {@code [in, out]}: the
 * update is computed the same way and transposed only when merged. Dropout applies only while
 * {@link #setTraining training} (a {@code lora_dropout} child without parameters, as in PEFT).
 * After {@link #merge} the update lives in the base weight and the forward pass is the base layer's
 * alone, until {@link #unmerge}.
 *
 * <p>Instances are not thread-safe.
 */
public final class LoraLinear extends Layer implements Projection {
    private final Projection base;
    private final BaseWeight baseWeight;
    private final Linear loraA;
    private final Linear loraB;
    private final Dropout dropout;
    private final int rank;
    private final float scaling;
    private boolean merged;
    private boolean enabled = true;

    /**
     * Wraps {@code base} (a {@link Linear} or GPT-2 {@code Conv1D}) with an update of rank {@code
     * rank}; the arrays of {@link #loraA()} and {@link #loraB()} are set by the caller.
     *
     * @throws IllegalArgumentException if {@code base} is another kind of layer
     */
    public LoraLinear(Layer base, int rank, double scaling, double dropout) {
        this.baseWeight = BaseWeight.of(base);
        this.base = (Projection) base;
        this.rank = rank;
        this.scaling = (float) scaling;
        addChild("base_layer", base);
        this.dropout = addChild("lora_dropout", new Dropout(dropout));
        loraA = addChild("lora_A", new Linear(baseWeight.in(), rank, false));
        loraB = addChild("lora_B", new Linear(rank, baseWeight.out(), false));
    }

    @Override
    public NDArray forward(NDArray input) {
        NDArray result = base.forward(input);
        if (merged || !enabled) {
            return result;
        }
        NDArray dropped = dropout.forward(input);
        try (NDArray down = loraA.forward(dropped);
                NDArray up = loraB.forward(down);
                NDArray scaled = Scalars.mul(up, scaling)) {
            if (dropped != input) {
                dropped.close();
            }
            NDArray out = result.add(scaled);
            result.close();
            return out;
        }
    }

    /** Adds the update into the base weight; does nothing if it is merged already or disabled. */
    public void merge() {
        if (!merged && enabled) {
            baseWeight.update(delta(), +1);
            merged = true;
        }
    }

    /** Subtracts the update from the base weight again; does nothing if it is not merged. */
    public void unmerge() {
        if (merged) {
            baseWeight.update(delta(), -1);
            merged = false;
        }
    }

    /** Returns the update {@code B A * scaling} in the base weight's layout. */
    private NDArray delta() {
        try (NDArray a = loraA.weight().getArray().stopGradient();
                NDArray b = loraB.weight().getArray().stopGradient();
                NDArray product = b.matMul(a)) {
            NDArray scaled = Scalars.mul(product, scaling);
            if (!baseWeight.fanInFanOut()) {
                return scaled;
            }
            try (scaled) {
                return scaled.transpose();
            }
        }
    }

    /**
     * Turns the update on or off, as PEFT's {@code disable_adapter()}; a merged update is unmerged
     * first when turned off.
     */
    public void setEnabled(boolean enabled) {
        if (!enabled) {
            unmerge();
        }
        this.enabled = enabled;
    }

    /** Returns whether the update takes part in the forward pass. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Returns whether the update is currently merged into the base weight. */
    public boolean isMerged() {
        return merged;
    }

    /** Returns the wrapped layer. */
    public Layer baseLayer() {
        return (Layer) base;
    }

    /** Returns {@code lora_A}, the down projection ({@code weight [r, in]}). */
    public Parameter loraA() {
        return loraA.weight();
    }

    /** Returns {@code lora_B}, the up projection ({@code weight [out, r]}). */
    public Parameter loraB() {
        return loraB.weight();
    }

    /** Returns the rank {@code r}. */
    public int rank() {
        return rank;
    }

    /** Returns the number of input features of the base layer. */
    public long inFeatures() {
        return baseWeight.in();
    }

    /** Returns the number of output features of the base layer. */
    public long outFeatures() {
        return baseWeight.out();
    }

    /** Returns whether the base weight is stored {@code [in, out]} (GPT-2's Conv1D). */
    public boolean fanInFanOut() {
        return baseWeight.fanInFanOut();
    }
}
