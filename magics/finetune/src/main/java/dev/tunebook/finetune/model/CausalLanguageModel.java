package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.generate.KvCache;
import dev.tunebook.finetune.nn.CrossEntropy;

/**
 * A decoder-only language model (GPT-2, Llama, Qwen2, Mistral) with a KV cache for generation.
 *
 * <p>Instances are not thread-safe.
 */
public abstract class CausalLanguageModel extends LanguageModel {
    /** Creates an empty model; see {@link LanguageModel#LanguageModel}. */
    protected CausalLanguageModel(ai.djl.ndarray.NDManager manager, String basePrefix) {
        super(manager, basePrefix);
    }

    /**
     * Returns the logits {@code [batch, length, vocab]} for the new positions {@code inputIds}.
     *
     * @param attentionMask {@code [batch, cached + length]} 1/0 key mask, or {@code null} for all
     *     ones
     * @param cache keys and values of earlier positions, extended by this call; {@code null} for
     *     none
     */
    public final NDArray forward(NDArray inputIds, NDArray attentionMask, KvCache cache) {
        try (NDArray hidden = hiddenStates(inputIds, attentionMask, cache)) {
            return head(hidden);
        }
    }

    /**
     * Returns the final (normalised) hidden states {@code [batch, length, hidden]}; arguments as
     * for {@link #forward(NDArray, NDArray, KvCache)}.
     */
    public final NDArray hiddenStates(NDArray inputIds, NDArray attentionMask, KvCache cache) {
        return hiddenStates(inputIds, attentionMask, cache, null);
    }

    /**
     * Returns the final hidden states with explicit {@code positionIds [batch, length]} (null:
     * {@code cached .. cached + length} for every row, as transformers' forward). Left-padded
     * batches pass each row's own positions, as transformers' {@code generate} does.
     */
    public abstract NDArray hiddenStates(
            NDArray inputIds, NDArray attentionMask, KvCache cache, NDArray positionIds);

    /** Returns the language-model head applied to {@code hidden}: logits over the vocabulary. */
    public abstract NDArray head(NDArray hidden);

    /** Returns the number of decoder layers (the size of a {@link KvCache}). */
    public abstract int layerCount();

    /** Returns the token ids that end generation (may be empty). */
    public abstract long[] eosTokenIds();

    @Override
    public final NDArray forward(NDArray inputIds, NDArray attentionMask) {
        return forward(inputIds, attentionMask, null);
    }

    @Override
    public final NDArray loss(NDArray inputIds, NDArray attentionMask, NDArray labels) {
        try (NDArray logits = forward(inputIds, attentionMask, null)) {
            return CrossEntropy.causal(logits, labels);
        }
    }

    /** Returns a new empty cache for this model; close it when done. */
    public final KvCache newCache() {
        return new KvCache(manager(), layerCount());
    }

    /**
     * Returns each prompt followed by its generated tokens (up to and including an EOS token),
     * decoding the prompts together as one left-padded batch.
     */
    public final long[][] generate(long[][] prompts, GenerationOptions options) {
        return new TokenGenerator(this, options).generate(prompts);
    }

    /** Returns {@code prompt} followed by the generated tokens. */
    public final long[] generate(long[] prompt, GenerationOptions options) {
        return new TokenGenerator(this, options).generate(prompt);
    }
}
