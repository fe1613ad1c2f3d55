package dev.tunebook.finetune.eval;

/** Small vector arithmetic on embeddings held as {@code float[]}, for classifiers and indexes. */
public final class Vectors {
    private Vectors() {}

    /**
     * Returns {@code v} scaled to unit length (as {@code torch.nn.functional.normalize}, eps
     * 1e-12).
     */
    public static float[] normalised(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        double scale = 1 / Math.max(norm, 1e-12);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * scale);
        }
        return out;
    }

    /**
     * Returns the dot product, accumulated in double.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** Returns the element-wise mean of {@code vectors}. */
    static float[] mean(float[][] vectors) {
        if (vectors.length == 0) {
            throw new IllegalArgumentException("no vectors to average");
        }
        float[] out = new float[vectors[0].length];
        for (float[] v : vectors) {
            for (int i = 0; i < out.length; i++) {
                out[i] += v[i] / vectors.length;
            }
        }
        return out;
    }
}
