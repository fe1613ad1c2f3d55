package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding with transformers' "rotate half" convention: the first and second
 * halves of each head are the two coordinates rotated by {@code position / theta^(2i/d)}.
 */
public final class RotaryEmbedding {
    private final int headDim;
    private final float[] inverseFrequencies;

    /** Creates the default (unscaled) rotary embedding for heads of {@code headDim}. */
    public RotaryEmbedding(int headDim, double theta) {
        this.headDim = headDim;
        inverseFrequencies = new float[headDim / 2];
        for (int i = 0; i < inverseFrequencies.length; i++) {
            float exponent = (float) (2 * i) / headDim;
            inverseFrequencies[i] = 1f / (float) Math.pow(theta, exponent);
        }
    }

    /** Returns {@code [cos, sin]}, each {@code [1, 1, length, headDim]}, from {@code start}. */
    public NDList table(NDManager manager, int start, int length) {
        int half = headDim / 2;
        float[] cos = new float[length * headDim];
        float[] sin = new float[length * headDim];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < half; i++) {
                float angle = (start + p) * inverseFrequencies[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * headDim + i] = c;
                cos[p * headDim + half + i] = c;
                sin[p * headDim + i] = s;
                sin[p * headDim + half + i] = s;
            }
        }
        Shape shape = new Shape(1, 1, length, headDim);
        return new NDList(manager.create(cos, shape), manager.create(sin, shape));
    }

    /** Returns {@code x * cos + rotateHalf(x) * sin} for {@code x [batch, heads, len, dim]}. */
    public static NDArray apply(NDArray x, NDList table) {
        NDList halves = x.split(2, 3);
        try (NDArray negated = halves.get(1).neg();
                NDArray rotated = NDArrays.concat(new NDList(negated, halves.get(0)), 3);
                NDArray rotatedSin = rotated.mul(table.get(1));
                NDArray xCos = x.mul(table.get(0))) {
            halves.close();
            return xCos.add(rotatedSin);
        }
    }
}
