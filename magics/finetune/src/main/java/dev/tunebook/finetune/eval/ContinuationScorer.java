package dev.tunebook.finetune.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.model.CausalLanguageModel;
import java.util.Arrays;

/**
 * Scores continuations of a prompt by their log-likelihood under a causal language model: the sum,
 * over the continuation's tokens, of the log-softmax of the model's logits at the position before
 * each token. All continuations of one prompt run as one right-padded batch (padding at the end
 * does not change the positions or the attention of the real tokens).
 *
 * <p>Instances are not thread-safe (they share the model).
 */
public final class ContinuationScorer {
    private final CausalLanguageModel model;

    /** Creates a scorer over {@code model}. */
    public ContinuationScorer(CausalLanguageModel model) {
        this.model = model;
    }

    /**
     * Returns {@code sum_j log p(continuation[j] | prompt, continuation[:j])} for each
     * continuation.
     *
     * @throws IllegalArgumentException if the prompt or a continuation is empty
     */
    public double[] score(long[] prompt, long[][] continuations) {
        if (prompt.length == 0 || Arrays.stream(continuations).anyMatch(c -> c.length == 0)) {
            throw new IllegalArgumentException("the prompt and every continuation need a token");
        }
        checkVocabulary(prompt);
        Arrays.stream(continuations).forEach(this::checkVocabulary);
        int rows = continuations.length;
        int longest = Arrays.stream(continuations).mapToInt(c -> c.length).max().orElse(0);
        int width = prompt.length + longest;
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(prompt, 0, ids, r * width, prompt.length);
            System.arraycopy(
                    continuations[r], 0, ids, r * width + prompt.length, continuations[r].length);
            Arrays.fill(mask, r * width, r * width + prompt.length + continuations[r].length, 1L);
        }
        try (NDManager scope = model.manager().newSubManager()) {
            Shape shape = new Shape(rows, width);
            NDArray logits = model.forward(scope.create(ids, shape), scope.create(mask, shape));
            logits.attach(scope);
            String window = ":, " + (prompt.length - 1) + ":" + (width - 1) + ", :";
            float[] logProbs = logits.get(window).logSoftmax(-1).toFloatArray();
            int vocab = (int) logits.getShape().get(2);
            return sum(continuations, logProbs, longest, vocab);
        }
    }

    private void checkVocabulary(long[] ids) {
        int vocab = model.config() == null ? Integer.MAX_VALUE : model.config().vocabSize();
        for (long id : ids) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException(
                        "token id "
                                + id
                                + " is outside the model's vocabulary of "
                                + vocab
                                + " (is the tokenizer the model's?)");
            }
        }
    }

    private static double[] sum(long[][] continuations, float[] logProbs, int longest, int vocab) {
        double[] scores = new double[continuations.length];
        for (int r = 0; r < continuations.length; r++) {
            for (int j = 0; j < continuations[r].length; j++) {
                scores[r] += logProbs[(r * longest + j) * vocab + (int) continuations[r][j]];
            }
        }
        return scores;
    }
}
