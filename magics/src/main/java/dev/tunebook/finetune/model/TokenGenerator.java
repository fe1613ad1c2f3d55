package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Autoregressive decoding with a KV cache: the prompt is run once, then one position per step.
 *
 * <p>Instances are not thread-safe.
 */
final class TokenGenerator {
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
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt must have at least one token");
        }
        TokenSampler sampler = new TokenSampler(options);
        long[] tokens = Arrays.copyOf(prompt, prompt.length + options.maxNewTokens());
        int length = prompt.length;
        try (KvCache cache = model.newCache()) {
            long[] step = prompt;
            while (length < tokens.length) {
                int next = sampler.next(lastLogits(step, cache));
                tokens[length++] = next;
                if (isEos(next)) {
                    break;
                }
                step = new long[] {next};
            }
        }
        return Arrays.copyOf(tokens, length);
    }

    private float[] lastLogits(long[] step, KvCache cache) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray ids = scope.create(step).expandDims(0);
            NDArray hidden = model.hiddenStates(ids, null, cache);
            NDArray last = hidden.get(":, -1:, :");
            return model.head(last).toFloatArray();
        }
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
