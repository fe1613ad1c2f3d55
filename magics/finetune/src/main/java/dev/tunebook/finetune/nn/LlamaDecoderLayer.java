package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.tunebook.finetune.generate.KvCache;

/**
 * One Llama-family decoder layer: RMSNorm, attention, RMSNorm and the SwiGLU MLP {@code
 * down(act(gate(x)) * up(x))}, each with a residual connection.
 */
public final class LlamaDecoderLayer extends Layer {
    private final Activation activation;

    /** Creates a decoder layer. */
    public LlamaDecoderLayer(
            long hidden,
            long intermediate,
            LlamaAttention attention,
            double eps,
            Activation activation,
            boolean mlpBias) {
        this.activation = activation;
        addChild("self_attn", attention);
        LayerGroup mlp = addChild("mlp", new LayerGroup());
        mlp.add("gate_proj", new Linear(hidden, intermediate, mlpBias));
        mlp.add("up_proj", new Linear(hidden, intermediate, mlpBias));
        mlp.add("down_proj", new Linear(intermediate, hidden, mlpBias));
        addChild("input_layernorm", new RmsNorm(hidden, eps));
        addChild("post_attention_layernorm", new RmsNorm(hidden, eps));
    }

    /** Returns the layer's output for {@code x [batch, len, hidden]}. */
    public NDArray forward(NDArray x, NDArray mask, NDList rope, KvCache cache, int layer) {
        NDArray afterAttention;
        try (NDArray normed = ((RmsNorm) child("input_layernorm")).forward(x);
                NDArray attended =
                        ((LlamaAttention) child("self_attn"))
                                .forward(normed, mask, rope, cache, layer)) {
            afterAttention = x.add(attended);
        }
        try (NDArray normed =
                        ((RmsNorm) child("post_attention_layernorm")).forward(afterAttention);
                NDArray gate = projection("mlp.gate_proj").forward(normed);
                NDArray activated = activation.apply(gate);
                NDArray up = projection("mlp.up_proj").forward(normed);
                NDArray product = activated.mul(up);
                NDArray down = projection("mlp.down_proj").forward(product)) {
            NDArray out = afterAttention.add(down);
            afterAttention.close();
            return out;
        }
    }
}
