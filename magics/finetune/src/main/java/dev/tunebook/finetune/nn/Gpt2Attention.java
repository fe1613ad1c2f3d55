package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.tunebook.finetune.generate.KvCache;

/** GPT-2's self-attention: one fused {@code c_attn} for q, k, v and the {@code c_proj} output. */
public final class Gpt2Attention extends Layer {
    private final long heads;
    private final long headDim;
    private final float scale;

    /** Creates the attention of a block with {@code hidden} features in {@code heads} heads. */
    public Gpt2Attention(long hidden, long heads, double attentionDropout, double dropout) {
        this.heads = heads;
        this.headDim = hidden / heads;
        this.scale = (float) (1 / Math.sqrt(headDim));
        addChild("c_attn", new Conv1D(hidden, 3 * hidden));
        addChild("c_proj", new Conv1D(hidden, hidden));
        addChild("attn_dropout", new Dropout(attentionDropout));
        addChild("resid_dropout", new Dropout(dropout));
    }

    /** Returns the attention output for {@code x [batch, len, hidden]}. */
    public NDArray forward(NDArray x, NDArray mask, KvCache cache, int layer) {
        NDList qkv;
        try (NDArray fused = projection("c_attn").forward(x)) {
            qkv = fused.split(3, 2);
        }
        NDArray q = DotProductAttention.splitHeads(qkv.get(0), heads, headDim);
        NDArray k = DotProductAttention.splitHeads(qkv.get(1), heads, headDim);
        NDArray v = DotProductAttention.splitHeads(qkv.get(2), heads, headDim);
        qkv.close();
        NDList kv = cache == null ? new NDList(k, v) : cache.append(layer, k, v);
        try (NDArray context =
                        DotProductAttention.compute(
                                q,
                                kv.get(0),
                                kv.get(1),
                                mask,
                                scale,
                                (Dropout) child("attn_dropout"));
                NDArray merged = DotProductAttention.mergeHeads(context)) {
            q.close();
            k.close();
            v.close();
            return ((Dropout) child("resid_dropout"))
                    .replacing(projection("c_proj").forward(merged));
        }
    }
}
