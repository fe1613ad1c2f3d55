package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.model.CausalLanguageModel;
import java.util.Map;
import java.util.Random;

/**
 * Measures whether a causal model copies from its context: rows of random tokens shown twice, the
 * mean next-token loss over the first showing (nothing to go on: about the log of the vocabulary
 * size) against the loss over the second (near 0 for a model with induction heads, which find the
 * earlier occurrence of the current token and predict what followed it). A model that cannot copy
 * cannot read an answer out of retrieved passages.
 */
public final class CopyProbe {
    /** The rows of the default probe. */
    public static final int ROWS = 16;

    /** The random tokens of a row of the default probe, shown twice. */
    public static final int SPAN = 64;

    // Below it: the special tokens of tunebook's tokenizers; random text never holds them.
    private static final int LOWEST_ID = 4;

    private CopyProbe() {}

    /**
     * Returns the default probe of {@code model}: {@link #ROWS} rows of {@link #SPAN} random tokens
     * (ids from 4, seed 0), so that every model is measured on the same draws.
     */
    public static Map<String, Double> measure(CausalLanguageModel model) {
        return measure(model, ROWS, SPAN, LOWEST_ID, 0);
    }

    /**
     * Returns {@code first} and {@code second}: the mean loss, in nats per token, of predicting the
     * first showing and the second (after its first token) of {@code rows} rows of {@code span}
     * random tokens drawn with {@code seed} from ids {@code lowest} to the vocabulary's end
     * (special tokens below it); {@code span} is at least 2.
     */
    public static Map<String, Double> measure(
            CausalLanguageModel model, int rows, int span, int lowest, long seed) {
        int vocab = model.config().vocabSize();
        Random random = new Random(seed);
        long[] twice = new long[rows * span * 2];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < span; i++) {
                long id = lowest + random.nextInt(vocab - lowest);
                twice[r * 2 * span + i] = id;
                twice[r * 2 * span + span + i] = id;
            }
        }
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray both = scope.create(twice, new Shape(rows, 2L * span));
            // The loss is causal: the mean over a row's first n tokens is that of the row cut to n.
            double first = loss(model, both, span);
            double throughRepeatStart = loss(model, both, span + 1);
            double all = loss(model, both, 2 * span);
            // The first token of the second showing cannot be copied (nothing before it says the
            // repeat starts); the second showing's loss is over the span - 1 tokens after it.
            double second = ((2.0 * span - 1) * all - span * throughRepeatStart) / (span - 1);
            return Map.of("first", first, "second", second);
        }
    }

    private static double loss(CausalLanguageModel model, NDArray rows, int tokens) {
        try (NDArray cut = rows.get(":, :" + tokens);
                NDArray loss = NextTokenLoss.of(model, cut)) {
            return loss.getFloat();
        }
    }
}
