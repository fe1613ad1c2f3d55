package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.generate.KvCache;
import dev.tunebook.finetune.generate.TokenSampler;
import java.util.Arrays;

/**
 * Autoregressive decoding with a KV cache, as transformers' {@code generate}: prompts are
 * left-padded into one batch and run once, then one position per step; each row's positions count
 * only its real tokens. A row that produced EOS is padded until every row is done.
 *
 * <p>Instances are not thread-safe.
 */
final class TokenGenerator {
    private static final long PAD = 0;
    private final CausalLanguageModel model;
    private final GenerationOptions options;
    private final long[] eos;

    TokenGenerator(CausalLanguageModel model, GenerationOptions options) {
        this.model = model;
        this.options = options;
        long[] given = options.eosTokenIds();
        this.eos = given == null ? model.eosTokenIds() : given;
    }

    long[] generate(long[] prompt) {
        return generate(new long[][] {prompt})[0];
    }

    long[][] generate(long[][] prompts) {
        int batch = prompts.length;
        int width = Arrays.stream(prompts).mapToInt(p -> p.length).max().orElse(0);
        if (batch == 0 || Arrays.stream(prompts).anyMatch(p -> p.length == 0)) {
            throw new IllegalArgumentException("Every prompt must have at least one token");
        }
        long[][] out = new long[batch][];
        long[] ids = new long[batch * width];
        long[] mask = new long[batch * width];
        long[] positions = new long[batch * width];
        long[] last = new long[batch];
        for (int r = 0; r < batch; r++) {
            int offset = width - prompts[r].length;
            out[r] = prompts[r].clone();
            for (int t = 0; t < width; t++) {
                boolean real = t >= offset;
                ids[r * width + t] = real ? prompts[r][t - offset] : PAD;
                mask[r * width + t] = real ? 1 : 0;
                positions[r * width + t] = real ? t - offset : 1;
            }
            last[r] = prompts[r].length - 1;
        }
        decode(out, ids, mask, positions, last, width);
        return out;
    }

    private void decode(
            long[][] out, long[] ids, long[] mask, long[] positions, long[] last, int width) {
        int batch = out.length;
        boolean[] done = new boolean[batch];
        TokenSampler sampler = new TokenSampler(options);
        try (KvCache cache = model.newCache()) {
            for (int step = 0; step < options.maxNewTokens(); step++) {
                float[] logits = lastLogits(ids, mask, positions, batch, cache);
                int vocab = logits.length / batch;
                ids = new long[batch];
                positions = new long[batch];
                boolean all = true;
                for (int r = 0; r < batch; r++) {
                    if (!done[r]) {
                        float[] row = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
                        ids[r] = sampler.next(row);
                        out[r] = append(out[r], ids[r]);
                        done[r] = isEos(ids[r]);
                    }
                    all &= done[r];
                    positions[r] = ++last[r];
                }
                if (all) {
                    break;
                }
                mask = withColumnOfOnes(mask, batch, width + step);
            }
        }
    }

    private float[] lastLogits(
            long[] ids, long[] mask, long[] positions, int batch, KvCache cache) {
        try (NDManager scope = model.manager().newSubManager()) {
            Shape shape = new Shape(batch, ids.length / batch);
            NDArray hidden =
                    model.hiddenStates(
                            scope.create(ids, shape),
                            scope.create(mask, new Shape(batch, mask.length / batch)),
                            cache,
                            scope.create(positions, shape));
            return model.head(hidden.get(":, -1:, :")).toFloatArray();
        }
    }

    private static long[] withColumnOfOnes(long[] mask, int batch, int width) {
        long[] wider = new long[batch * (width + 1)];
        for (int r = 0; r < batch; r++) {
            System.arraycopy(mask, r * width, wider, r * (width + 1), width);
            wider[r * (width + 1) + width] = 1;
        }
        return wider;
    }

    private static long[] append(long[] tokens, long token) {
        long[] longer = Arrays.copyOf(tokens, tokens.length + 1);
        longer[tokens.length] = token;
        return longer;
    }

    private boolean isEos(long token) {
        for (long id : eos) {
            if (id == token) {
                return true;
            }
        }
        return false;
    }
}
