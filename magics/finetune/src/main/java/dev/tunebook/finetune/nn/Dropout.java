package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;

/**
 * Dropout as {@code torch.nn.Dropout}: in training mode zeroes each element with probability {@code
 * rate} and scales the rest by {@code 1 / (1 - rate)}; otherwise the identity. A model starts in
 * evaluation mode; {@link dev.tunebook.finetune.model.LanguageModel#setTraining} switches every
 * dropout at once.
 *
 * <p>Instances are not thread-safe.
 */
public final class Dropout extends Layer {
    private final float rate;
    private boolean training;

    /** Creates a dropout with probability {@code rate} in {@code [0, 1)}. */
    public Dropout(double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1): " + rate);
        }
        this.rate = (float) rate;
    }

    /**
     * Returns {@code x} with dropout applied in training mode, or {@code x} itself otherwise
     * (closing both is harmless: DJL arrays close once).
     */
    public NDArray forward(NDArray x) {
        if (!training || rate == 0f) {
            return x;
        }
        return ai.djl.nn.norm.Dropout.dropout(x, rate, true).singletonOrThrow();
    }

    /** Returns {@link #forward} of {@code x}, closing {@code x} when a new array replaces it. */
    public NDArray replacing(NDArray x) {
        NDArray out = forward(x);
        if (out != x) {
            x.close();
        }
        return out;
    }

    /** Returns the drop probability. */
    public float rate() {
        return rate;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }
}
