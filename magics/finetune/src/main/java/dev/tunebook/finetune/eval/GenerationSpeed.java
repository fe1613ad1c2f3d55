package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.runs.InferenceFigures;

/**
 * The inference figures of a generation evaluation, from the wall time of each batch it generated:
 * a request is one prompt of the evaluated split answered in full (its prompt read, then one
 * forward pass per new token), so a longer prompt (retrieved context, few-shot examples) or a
 * longer answer shows as a slower, dearer request. Requests per second are measured at the batch
 * size used; at batch size 1 each batch is one request and its latency is kept too.
 */
final class GenerationSpeed {
    private GenerationSpeed() {}

    /**
     * Returns the figures of {@code examples} requests generated in batches of {@code batchSize}
     * that took {@code batchMs} milliseconds each, or null when nothing was timed.
     */
    static InferenceFigures of(double[] batchMs, int batchSize, int examples) {
        double total = 0;
        for (double ms : batchMs) {
            total += ms;
        }
        if (examples == 0 || !(total > 0)) {
            return null;
        }
        if (batchSize == 1) {
            return InferenceFigures.fromLatencies(positive(batchMs), null);
        }
        return new InferenceFigures(
                null, null, 1000.0 * examples / total, null, null, null, null, null, null);
    }

    /** A batch that took no measurable time (a coarse clock) counts as a microsecond. */
    private static double[] positive(double[] ms) {
        double[] out = ms.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-3);
        }
        return out;
    }
}
