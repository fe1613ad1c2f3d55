package dev.tunebook.finetune.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Picks the next token from a row of logits: argmax when greedy, otherwise temperature, top-k and
 * top-p filtering as transformers' logits warpers apply them, then a seeded draw.
 *
 * <p>Instances are not thread-safe.
 */
public final class TokenSampler {
    private final GenerationOptions options;
    private final Random random;

    /** Creates a sampler whose draws are repeatable for the options' seed. */
    public TokenSampler(GenerationOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    /** Returns the chosen token id. */
    public int next(float[] logits) {
        if (options.temperature() == 0f) {
            return argMax(logits);
        }
        Integer[] order = IntStream.range(0, logits.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -logits[i]));
        int keep = options.topK() > 0 ? Math.min(options.topK(), logits.length) : logits.length;
        double[] probabilities = softmax(logits, order, keep, options.temperature());
        keep = nucleus(probabilities, keep, options.topP());
        double total = 0;
        for (int i = 0; i < keep; i++) {
            total += probabilities[i];
        }
        double draw = random.nextDouble() * total;
        for (int i = 0; i < keep - 1; i++) {
            draw -= probabilities[i];
            if (draw < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    /** Returns the index of the largest value (the first on ties, as {@code torch.argmax}). */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] softmax(float[] logits, Integer[] order, int keep, float temp) {
        double[] p = new double[keep];
        double max = logits[order[0]] / temp;
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp(logits[order[i]] / temp - max);
            sum += p[i];
        }
        for (int i = 0; i < keep; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int nucleus(double[] sorted, int keep, float topP) {
        if (topP >= 1f) {
            return keep;
        }
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += sorted[i];
            if (mass >= topP) {
                return i + 1;
            }
        }
        return keep;
    }
}
