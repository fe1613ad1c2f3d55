package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.generate.KvCache;

/** One pre-LN GPT-2 block: {@code ln_1}, {@code attn}, {@code ln_2}, {@code mlp}. */
public final class Gpt2Block extends Layer {
    private final Activation activation;

    /** Creates a block; {@code inner} is the MLP width. */
    public Gpt2Block(
            long hidden,
            long heads,
            long inner,
            double eps,
            Activation activation,
            double attentionDropout,
            double dropout) {
        this.activation = activation;
        addChild("ln_1", new LayerNorm(hidden, eps));
        addChild("attn", new Gpt2Attention(hidden, heads, attentionDropout, dropout));
        addChild("ln_2", new LayerNorm(hidden, eps));
        LayerGroup mlp = addChild("mlp", new LayerGroup());
        mlp.add("c_fc", new Conv1D(hidden, inner));
        mlp.add("c_proj", new Conv1D(inner, hidden));
        mlp.add("dropout", new Dropout(dropout));
    }

    /** Returns the block's output for {@code x [batch, len, hidden]}. */
    public NDArray forward(NDArray x, NDArray mask, KvCache cache, int layer) {
        NDArray afterAttention;
        try (NDArray normed = ((LayerNorm) child("ln_1")).forward(x);
                NDArray attended =
                        ((Gpt2Attention) child("attn")).forward(normed, mask, cache, layer)) {
            afterAttention = x.add(attended);
        }
        try (NDArray normed = ((LayerNorm) child("ln_2")).forward(afterAttention);
                NDArray up = projection("mlp.c_fc").forward(normed);
                NDArray activated = activation.apply(up);
                NDArray down =
                        ((Dropout) find("mlp.dropout"))
                                .replacing(projection("mlp.c_proj").forward(activated))) {
            NDArray out = afterAttention.add(down);
            afterAttention.close();
            return out;
        }
    }
}
