package dev.tunebook.finetune.nn;

import ai.djl.ndarray.NDArray;

/**
 * One post-LN BERT encoder layer: self-attention, add and norm, intermediate MLP, add and norm.
 * Names follow transformers: {@code attention.self.query}, {@code attention.output.dense}, {@code
 * intermediate.dense}, {@code output.LayerNorm}.
 */
public final class BertLayer extends Layer {
    private final long heads;
    private final long headDim;
    private final float scale;
    private final Activation activation;

    /** Creates an encoder layer. */
    public BertLayer(
            long hidden,
            long heads,
            long intermediate,
            double eps,
            Activation activation,
            double dropout,
            double attentionDropout) {
        this.heads = heads;
        this.headDim = hidden / heads;
        this.scale = (float) (1 / Math.sqrt(headDim));
        this.activation = activation;
        LayerGroup attention = addChild("attention", new LayerGroup());
        LayerGroup self = attention.add("self", new LayerGroup());
        self.add("query", new Linear(hidden, hidden, true));
        self.add("key", new Linear(hidden, hidden, true));
        self.add("value", new Linear(hidden, hidden, true));
        LayerGroup attentionOutput = attention.add("output", new LayerGroup());
        attentionOutput.add("dense", new Linear(hidden, hidden, true));
        attentionOutput.add("LayerNorm", new LayerNorm(hidden, eps));
        addChild("intermediate", new LayerGroup())
                .add("dense", new Linear(hidden, intermediate, true));
        LayerGroup output = addChild("output", new LayerGroup());
        output.add("dense", new Linear(intermediate, hidden, true));
        output.add("LayerNorm", new LayerNorm(hidden, eps));
        self.add("dropout", new Dropout(attentionDropout));
        attentionOutput.add("dropout", new Dropout(dropout));
        output.add("dropout", new Dropout(dropout));
    }

    /** Returns the layer's output for {@code x [batch, len, hidden]} and an additive mask. */
    public NDArray forward(NDArray x, NDArray mask) {
        NDArray attended;
        try (NDArray context = selfAttention(x, mask);
                NDArray dense =
                        dropout(
                                "attention.output.dropout",
                                projection("attention.output.dense").forward(context));
                NDArray residual = dense.add(x)) {
            attended = ((LayerNorm) find("attention.output.LayerNorm")).forward(residual);
        }
        try (NDArray up = projection("intermediate.dense").forward(attended);
                NDArray activated = activation.apply(up);
                NDArray down =
                        dropout("output.dropout", projection("output.dense").forward(activated));
                NDArray residual = down.add(attended)) {
            attended.close();
            return ((LayerNorm) find("output.LayerNorm")).forward(residual);
        }
    }

    private NDArray selfAttention(NDArray x, NDArray mask) {
        try (NDArray q = heads(projection("attention.self.query").forward(x));
                NDArray k = heads(projection("attention.self.key").forward(x));
                NDArray v = heads(projection("attention.self.value").forward(x));
                NDArray context =
                        DotProductAttention.compute(
                                q, k, v, mask, scale, (Dropout) find("attention.self.dropout"))) {
            return DotProductAttention.mergeHeads(context);
        }
    }

    private NDArray dropout(String path, NDArray x) {
        return ((Dropout) find(path)).replacing(x);
    }

    private NDArray heads(NDArray flat) {
        try (flat) {
            return DotProductAttention.splitHeads(flat, heads, headDim);
        }
    }
}
