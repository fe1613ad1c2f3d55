package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebook.finetune.weights.ModelConfig;

/**
 * Rotary position embedding with transformers' "rotate half" convention: the first and second
 * halves of each head are the two coordinates rotated by {@code position / theta^(2i/d)}.
 */
public final class RotaryEmbedding {
    private final int headDim;
    private final float[] inverseFrequencies;

    private RotaryEmbedding(int headDim, float[] inverseFrequencies) {
        this.headDim = headDim;
        this.inverseFrequencies = inverseFrequencies;
    }

    /** Returns the default (unscaled) rotary embedding for heads of {@code headDim}. */
    public static RotaryEmbedding standard(int headDim, double theta) {
        return new RotaryEmbedding(headDim, baseFrequencies(headDim, theta));
    }

    /**
     * Returns the rotary embedding a config asks for: {@code rope_type} {@code default}, {@code
     * linear} (positions divided by {@code factor}) or {@code llama3} (Llama 3.1's frequency-band
     * scaling).
     *
     * @throws IllegalArgumentException for another {@code rope_type}, naming it
     */
    public static RotaryEmbedding fromConfig(ModelConfig config) {
        float[] base = baseFrequencies(config.headDim(), config.ropeTheta());
        JsonNode rope = config.ropeParameters();
        switch (config.ropeType()) {
            case "default":
                return new RotaryEmbedding(config.headDim(), base);
            case "linear":
                float factor = (float) rope.path("factor").asDouble(1);
                for (int i = 0; i < base.length; i++) {
                    base[i] /= factor;
                }
                return new RotaryEmbedding(config.headDim(), base);
            case "llama3":
                return new RotaryEmbedding(config.headDim(), llama3(base, rope));
            default:
                throw new IllegalArgumentException(
                        "config.json rope_type '"
                                + config.ropeType()
                                + "' is not supported (supported: default, linear, llama3)");
        }
    }

    private static float[] baseFrequencies(int headDim, double theta) {
        float[] frequencies = new float[headDim / 2];
        for (int i = 0; i < frequencies.length; i++) {
            float exponent = (float) (2 * i) / headDim;
            frequencies[i] = 1f / (float) Math.pow(theta, exponent);
        }
        return frequencies;
    }

    private static float[] llama3(float[] base, JsonNode rope) {
        double factor = rope.path("factor").asDouble(8);
        double low = rope.path("low_freq_factor").asDouble(1);
        double high = rope.path("high_freq_factor").asDouble(4);
        double context = rope.path("original_max_position_embeddings").asDouble(8192);
        double lowWavelength = context / low;
        double highWavelength = context / high;
        float[] scaled = new float[base.length];
        for (int i = 0; i < base.length; i++) {
            double wavelength = 2 * Math.PI / base[i];
            if (wavelength < highWavelength) {
                scaled[i] = base[i];
            } else if (wavelength > lowWavelength) {
                scaled[i] = (float) (base[i] / factor);
            } else {
                double smooth = (context / wavelength - low) / (high - low);
                scaled[i] = (float) ((1 - smooth) * base[i] / factor + smooth * base[i]);
            }
        }
        return scaled;
    }

    /** Returns {@link #table(NDManager, int, int)} as {@code dtype}. */
    public NDList table(NDManager manager, int start, int length, DataType dtype) {
        NDList table = table(manager, start, length);
        if (dtype == DataType.FLOAT32) {
            return table;
        }
        try (table) {
            return new NDList(table.get(0).toType(dtype, false), table.get(1).toType(dtype, false));
        }
    }

    /**
     * Returns {@code [cos, sin]}, each {@code [batch, 1, length, headDim]}, for per-row {@code
     * positions [batch, length]}, as {@code dtype}.
     */
    public NDList table(NDManager manager, NDArray positions, DataType dtype) {
        long[] p = positions.toLongArray();
        int batch = (int) positions.getShape().get(0);
        int length = (int) positions.getShape().get(1);
        int half = headDim / 2;
        float[] cos = new float[p.length * headDim];
        float[] sin = new float[p.length * headDim];
        for (int row = 0; row < p.length; row++) {
            for (int i = 0; i < half; i++) {
                float angle = p[row] * inverseFrequencies[i];
                cos[row * headDim + i] = (float) Math.cos(angle);
                cos[row * headDim + half + i] = cos[row * headDim + i];
                sin[row * headDim + i] = (float) Math.sin(angle);
                sin[row * headDim + half + i] = sin[row * headDim + i];
            }
        }
        Shape shape = new Shape(batch, 1, length, headDim);
        NDList table =
                new NDList(
                        OwnedArrays.of(manager, cos, shape), OwnedArrays.of(manager, sin, shape));
        if (dtype == DataType.FLOAT32) {
            return table;
        }
        try (table) {
            return new NDList(table.get(0).toType(dtype, false), table.get(1).toType(dtype, false));
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
        return new NDList(OwnedArrays.of(manager, cos, shape), OwnedArrays.of(manager, sin, shape));
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
