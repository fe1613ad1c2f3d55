package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.tunebook.finetune.generate.KvCache;

/**
 * Llama-family self-attention: separate q/k/v/o projections (q/k/v biases for Qwen2), rotary
 * positions, and grouped- or multi-query attention when there are fewer key/value heads.
 */
public final class LlamaAttention extends Layer {
    private final long heads;
    private final long kvHeads;
    private final long headDim;
    private final float scale;

    /** Creates the attention of one decoder layer. */
    public LlamaAttention(
            long hidden,
            long heads,
            long kvHeads,
            long headDim,
            boolean qkvBias,
            boolean oBias,
            double attentionDropout) {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(
                    "num_attention_heads " + heads + " is not a multiple of kv heads " + kvHeads);
        }
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.scale = (float) (1 / Math.sqrt(headDim));
        addChild("q_proj", new Linear(hidden, heads * headDim, qkvBias));
        addChild("k_proj", new Linear(hidden, kvHeads * headDim, qkvBias));
        addChild("v_proj", new Linear(hidden, kvHeads * headDim, qkvBias));
        addChild("o_proj", new Linear(heads * headDim, hidden, oBias));
        addChild("attention_dropout", new Dropout(attentionDropout));
    }

    /**
     * Returns the attention output for {@code x [batch, len, hidden]}.
     *
     * @param rope the {@code [cos, sin]} table for the new positions
     */
    public NDArray forward(NDArray x, NDArray mask, NDList rope, KvCache cache, int layer) {
        NDArray q = heads(projection("q_proj").forward(x), heads, rope);
        NDArray k = heads(projection("k_proj").forward(x), kvHeads, rope);
        NDArray v;
        try (NDArray flat = projection("v_proj").forward(x)) {
            v = DotProductAttention.splitHeads(flat, kvHeads, headDim);
        }
        NDList kv = cache == null ? new NDList(k, v) : cache.append(layer, k, v);
        long groups = heads / kvHeads;
        NDArray keys = groups == 1 ? kv.get(0) : DotProductAttention.repeatKv(kv.get(0), groups);
        NDArray values = groups == 1 ? kv.get(1) : DotProductAttention.repeatKv(kv.get(1), groups);
        try (NDArray context =
                        DotProductAttention.compute(
                                q,
                                keys,
                                values,
                                mask,
                                scale,
                                (Dropout) child("attention_dropout"));
                NDArray merged = DotProductAttention.mergeHeads(context)) {
            if (groups != 1) {
                keys.close();
                values.close();
            }
            q.close();
            k.close();
            v.close();
            return projection("o_proj").forward(merged);
        }
    }

    private NDArray heads(NDArray flat, long count, NDList rope) {
        try (flat;
                NDArray split = DotProductAttention.splitHeads(flat, count, headDim)) {
            return RotaryEmbedding.apply(split, rope);
        }
    }
}
