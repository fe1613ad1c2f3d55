package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.generate.KvCache;
import dev.tunebook.finetune.nn.Activation;
import dev.tunebook.finetune.nn.Dropout;
import dev.tunebook.finetune.nn.Embedding;
import dev.tunebook.finetune.nn.Gpt2Block;
import dev.tunebook.finetune.nn.LayerGroup;
import dev.tunebook.finetune.nn.LayerNorm;

/**
 * GPT-2 with its language-modelling head ({@code GPT2LMHeadModel}): learned positions, pre-LN
 * blocks with Conv1D projections, and an output head tied to {@code transformer.wte}.
 *
 * <p>Instances are not thread-safe.
 */
public final class Gpt2Model extends CausalLanguageModel {
    private final int layers;
    private final long[] eos;
    private final LayerGroup transformer;

    /**
     * Creates an unloaded GPT-2.
     *
     * @param inner MLP width (config {@code n_inner}, 4 × hidden when null)
     * @param attentionDropout dropout on attention weights ({@code attn_pdrop})
     * @param dropout dropout on embeddings and residual branches ({@code embd_pdrop}, {@code
     *     resid_pdrop})
     */
    public Gpt2Model(
            NDManager manager,
            long vocab,
            long positions,
            long hidden,
            int layers,
            long heads,
            long inner,
            double eps,
            Activation activation,
            long[] eos,
            double attentionDropout,
            double dropout) {
        super(manager, "transformer");
        this.layers = layers;
        this.eos = eos.clone();
        transformer = addChild("transformer", new LayerGroup());
        transformer.add("wte", new Embedding(vocab, hidden));
        transformer.add("wpe", new Embedding(positions, hidden));
        transformer.add("drop", new Dropout(dropout));
        LayerGroup h = transformer.add("h", new LayerGroup());
        for (int i = 0; i < layers; i++) {
            h.add(
                    String.valueOf(i),
                    new Gpt2Block(
                            hidden, heads, inner, eps, activation, attentionDropout, dropout));
        }
        transformer.add("ln_f", new LayerNorm(hidden, eps));
    }

    @Override
    public NDArray hiddenStates(
            NDArray inputIds, NDArray attentionMask, KvCache cache, NDArray positionIds) {
        NDManager scope = inputIds.getManager();
        int length = (int) inputIds.getShape().get(1);
        int past = cache == null ? 0 : cache.length();
        Embedding wte = transformer.get("wte", Embedding.class);
        transformer.get("wpe", Embedding.class).checkPositions(past + length);
        NDArray x;
        try (NDArray positions =
                        positionIds != null
                                ? positionIds.duplicate()
                                : scope.arange(past, past + length).expandDims(0);
                NDArray tokens = wte.forward(inputIds);
                NDArray placed = transformer.get("wpe", Embedding.class).forward(positions)) {
            x = transformer.get("drop", Dropout.class).replacing(tokens.add(placed));
        }
        try (NDArray mask =
                DecoderLayers.causalMask(inputIds, attentionMask, cache, 0, x.getDataType())) {
            LayerGroup h = transformer.get("h", LayerGroup.class);
            return DecoderLayers.run(
                    x,
                    layers,
                    (i, in) ->
                            h.get(String.valueOf(i), Gpt2Block.class).forward(in, mask, cache, i),
                    transformer.get("ln_f", LayerNorm.class)::forward);
        }
    }

    @Override
    public NDArray head(NDArray hidden) {
        return transformer.get("wte", Embedding.class).attend(hidden);
    }

    @Override
    public int layerCount() {
        return layers;
    }

    @Override
    public long[] eosTokenIds() {
        return eos.clone();
    }
}
