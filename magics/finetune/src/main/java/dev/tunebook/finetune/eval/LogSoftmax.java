package dev.tunebook.finetune.eval;

/** The log-softmax of a row of logits, computed stably in double. */
final class LogSoftmax {
    private LogSoftmax() {}

    /** Returns {@code log(softmax(logits))}. */
    static double[] of(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double logSum = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - logSum;
        }
        return out;
    }
}
