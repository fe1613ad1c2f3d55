package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.generate.KvCache;
import dev.tunebook.finetune.nn.Activation;
import dev.tunebook.finetune.nn.Embedding;
import dev.tunebook.finetune.nn.LayerGroup;
import dev.tunebook.finetune.nn.Linear;
import dev.tunebook.finetune.nn.LlamaAttention;
import dev.tunebook.finetune.nn.LlamaDecoderLayer;
import dev.tunebook.finetune.nn.RmsNorm;
import dev.tunebook.finetune.nn.RotaryEmbedding;

/**
 * A Llama-family causal language model ({@code LlamaForCausalLM}, {@code Qwen2ForCausalLM}, {@code
 * MistralForCausalLM}): {@code model.embed_tokens}, {@code model.layers.N}, {@code model.norm}, and
 * an {@code lm_head} that is its own matrix or tied to the embeddings.
 *
 * <p>Instances are not thread-safe.
 */
public final class LlamaModel extends CausalLanguageModel {
    private final LayerGroup model;
    private final int layers;
    private final boolean tied;
    private final int slidingWindow;
    private final RotaryEmbedding rotary;
    private final long[] eos;

    private LlamaModel(Builder shape, NDManager manager) {
        super(manager, "model");
        this.layers = shape.layers;
        this.tied = shape.tied;
        this.slidingWindow = shape.slidingWindow;
        this.eos = shape.eos.clone();
        this.rotary =
                shape.rotary != null
                        ? shape.rotary
                        : RotaryEmbedding.standard((int) shape.headDim, shape.ropeTheta);
        model = addChild("model", new LayerGroup());
        model.add("embed_tokens", new Embedding(shape.vocab, shape.hidden));
        LayerGroup list = model.add("layers", new LayerGroup());
        for (int i = 0; i < layers; i++) {
            LlamaAttention attention =
                    new LlamaAttention(
                            shape.hidden,
                            shape.heads,
                            shape.kvHeads,
                            shape.headDim,
                            shape.qkvBias,
                            shape.outputBias,
                            shape.attentionDropout);
            list.add(
                    String.valueOf(i),
                    new LlamaDecoderLayer(
                            shape.hidden,
                            shape.intermediate,
                            attention,
                            shape.eps,
                            shape.activation,
                            shape.mlpBias));
        }
        model.add("norm", new RmsNorm(shape.hidden, shape.eps));
        if (!tied) {
            addChild("lm_head", new Linear(shape.hidden, shape.vocab, false));
        }
    }

    /** Returns a builder for an unloaded model. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public NDArray hiddenStates(
            NDArray inputIds, NDArray attentionMask, KvCache cache, NDArray positionIds) {
        NDArray x = model.get("embed_tokens", Embedding.class).forward(inputIds);
        NDManager scope = inputIds.getManager();
        int past = cache == null ? 0 : cache.length();
        int length = (int) inputIds.getShape().get(1);
        LayerGroup list = model.get("layers", LayerGroup.class);
        try (NDArray mask =
                        DecoderLayers.causalMask(
                                inputIds, attentionMask, cache, slidingWindow, x.getDataType());
                NDList rope =
                        positionIds == null
                                ? rotary.table(scope, past, length, x.getDataType())
                                : rotary.table(scope, positionIds, x.getDataType())) {
            return DecoderLayers.run(
                    x,
                    layers,
                    (i, in) ->
                            list.get(String.valueOf(i), LlamaDecoderLayer.class)
                                    .forward(in, mask, rope, cache, i),
                    model.get("norm", RmsNorm.class)::forward);
        }
    }

    @Override
    public NDArray head(NDArray hidden) {
        return tied
                ? model.get("embed_tokens", Embedding.class).attend(hidden)
                : projection("lm_head").forward(hidden);
    }

    @Override
    public int layerCount() {
        return layers;
    }

    @Override
    public long[] eosTokenIds() {
        return eos.clone();
    }

    /** Builds a {@link LlamaModel} from its dimensions (usually those of a config.json). */
    public static final class Builder {
        private long vocab;
        private long hidden;
        private int layers;
        private long heads;
        private long kvHeads;
        private long headDim;
        private long intermediate;
        private double eps = 1e-6;
        private double ropeTheta = 10000;
        private RotaryEmbedding rotary;
        private boolean tied;
        private boolean qkvBias;
        private boolean outputBias;
        private boolean mlpBias;
        private int slidingWindow;
        private double attentionDropout;
        private Activation activation = Activation.SILU;
        private long[] eos = new long[0];

        private Builder() {}

        /** Sets the vocabulary size. */
        public Builder setVocabSize(long vocab) {
            this.vocab = vocab;
            return this;
        }

        /** Sets the hidden size. */
        public Builder setHiddenSize(long hidden) {
            this.hidden = hidden;
            return this;
        }

        /** Sets the number of decoder layers. */
        public Builder setLayers(int layers) {
            this.layers = layers;
            return this;
        }

        /** Sets the number of query heads. */
        public Builder setHeads(long heads) {
            this.heads = heads;
            return this;
        }

        /** Sets the MLP width. */
        public Builder setIntermediateSize(long intermediate) {
            this.intermediate = intermediate;
            return this;
        }

        /** Sets the number of key/value heads (default: as many as query heads). */
        public Builder optKvHeads(long kvHeads) {
            this.kvHeads = kvHeads;
            return this;
        }

        /** Sets the head size (default: hidden size / heads). */
        public Builder optHeadDim(long headDim) {
            this.headDim = headDim;
            return this;
        }

        /** Sets the RMSNorm epsilon (default 1e-6). */
        public Builder optEps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Sets the RoPE base (default 10000). */
        public Builder optRopeTheta(double ropeTheta) {
            this.ropeTheta = ropeTheta;
            return this;
        }

        /** Sets a scaled rotary embedding (default: unscaled with {@link #optRopeTheta}). */
        public Builder optRotary(RotaryEmbedding rotary) {
            this.rotary = rotary;
            return this;
        }

        /** Ties the output head to the embeddings (no {@code lm_head} tensor). */
        public Builder optTiedHead(boolean tied) {
            this.tied = tied;
            return this;
        }

        /** Gives q/k/v biases (Qwen2) and optionally an o_proj bias (Llama attention_bias). */
        public Builder optAttentionBias(boolean qkvBias, boolean outputBias) {
            this.qkvBias = qkvBias;
            this.outputBias = outputBias;
            return this;
        }

        /** Gives the MLP projections biases (Llama {@code mlp_bias}). */
        public Builder optMlpBias(boolean mlpBias) {
            this.mlpBias = mlpBias;
            return this;
        }

        /** Restricts attention to the last {@code window} positions (Mistral); 0 for none. */
        public Builder optSlidingWindow(int window) {
            this.slidingWindow = window;
            return this;
        }

        /** Sets the dropout on attention weights in training mode (default 0). */
        public Builder optAttentionDropout(double rate) {
            this.attentionDropout = rate;
            return this;
        }

        /** Sets the MLP activation (default SiLU). */
        public Builder optActivation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Sets the end-of-sequence ids used by generation. */
        public Builder optEosTokenIds(long... eos) {
            this.eos = eos.clone();
            return this;
        }

        /** Returns an unloaded model owning {@code manager}. */
        public LlamaModel build(NDManager manager) {
            if (vocab <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || intermediate <= 0) {
                throw new IllegalStateException(
                        "vocab, hidden, layers, heads and intermediate sizes must be set");
            }
            kvHeads = kvHeads == 0 ? heads : kvHeads;
            headDim = headDim == 0 ? hidden / heads : headDim;
            return new LlamaModel(this, manager);
        }
    }
}
