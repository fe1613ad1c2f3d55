package dev.tunebook.finetune.eval;

/**
 * Perplexity of a language model on held-out text: {@code exp} of the mean negative log-likelihood
 * per token, in nats (the mean cross-entropy loss a causal LM reports).
 */
public final class Perplexity {
    private Perplexity() {}

    /**
     * Returns {@code exp(meanNll)}.
     *
     * @throws IllegalArgumentException if {@code meanNll} is negative or not finite
     */
    public static double fromMeanNll(double meanNll) {
        if (!Double.isFinite(meanNll) || meanNll < 0) {
            throw new IllegalArgumentException(
                    "mean negative log-likelihood must be finite and >= 0, got " + meanNll);
        }
        return Math.exp(meanNll);
    }

    /**
     * Returns the perplexity from a summed NLL over {@code tokens} tokens, which weights every
     * token equally (unlike averaging per-batch means of uneven batches).
     */
    public static double fromTotalNll(double totalNll, long tokens) {
        if (tokens <= 0) {
            throw new IllegalArgumentException("token count must be positive, got " + tokens);
        }
        return fromMeanNll(totalNll / tokens);
    }

    /** Returns the perplexity from one NLL per token. */
    public static double fromTokenNlls(double[] tokenNlls) {
        double sum = 0;
        for (double nll : tokenNlls) {
            sum += nll;
        }
        return fromTotalNll(sum, tokenNlls.length);
    }
}
