package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.tunebook.finetune.nn.AttentionMask;
import dev.tunebook.finetune.nn.BertEmbeddings;
import dev.tunebook.finetune.nn.BertLayer;
import dev.tunebook.finetune.nn.CrossEntropy;
import dev.tunebook.finetune.nn.Dropout;
import dev.tunebook.finetune.nn.LayerGroup;
import dev.tunebook.finetune.nn.Linear;
import dev.tunebook.finetune.nn.Scalars;

/**
 * A BERT-family encoder (BERT, MiniLM) under {@code bert.}: embeddings with token types, post-LN
 * layers, an optional pooler, and optionally the {@code classifier} of {@code
 * BertForSequenceClassification}. Checkpoints of the bare {@code BertModel} (no {@code bert.}
 * prefix) load too.
 *
 * <p>Instances are not thread-safe.
 */
public final class BertModel extends LanguageModel {
    private static final int[] SEQUENCE = {1};
    private final LayerGroup bert;
    private final int layers;
    private final long labels;
    private final Pooling classifierPooling;

    private BertModel(BertModelBuilder b, NDManager manager) {
        super(manager, "bert");
        this.layers = b.layers;
        this.labels = b.labels;
        this.classifierPooling = b.classifierPooling;
        bert = addChild("bert", new LayerGroup());
        bert.add(
                "embeddings",
                new BertEmbeddings(b.vocab, b.positions, b.typeVocab, b.hidden, b.eps, b.dropout));
        LayerGroup list = bert.add("encoder", new LayerGroup()).add("layer", new LayerGroup());
        for (int i = 0; i < layers; i++) {
            list.add(
                    String.valueOf(i),
                    new BertLayer(
                            b.hidden,
                            b.heads,
                            b.intermediate,
                            b.eps,
                            b.activation,
                            b.dropout,
                            b.attentionDropout));
        }
        if (b.pooler) {
            bert.add("pooler", new LayerGroup()).add("dense", new Linear(b.hidden, b.hidden, true));
        }
        if (labels > 0) {
            addChild(
                    "dropout",
                    new Dropout(b.classifierDropout < 0 ? b.dropout : b.classifierDropout));
            addChild("classifier", new Linear(b.hidden, labels, true));
        }
    }

    /** Returns a builder for an unloaded model. */
    public static BertModelBuilder builder() {
        return new BertModelBuilder();
    }

    static BertModel create(BertModelBuilder builder, NDManager manager) {
        return new BertModel(builder, manager);
    }

    /**
     * Returns the classifier's logits {@code [batch, labels]}, or the last hidden state when the
     * model has no classification head. The head reads the pooler's output, or the mean of the real
     * tokens' states when the model was built with {@link Pooling#MEAN} for its classifier.
     */
    @Override
    public NDArray forward(NDArray inputIds, NDArray attentionMask) {
        NDArray hidden = encode(inputIds, attentionMask, null);
        if (labels == 0) {
            return hidden;
        }
        try (hidden;
                NDArray pooled =
                        ((Dropout) child("dropout"))
                                .replacing(
                                        classifierPooling == Pooling.MEAN
                                                ? meanPool(hidden, attentionMask)
                                                : pool(hidden))) {
            return projection("classifier").forward(pooled);
        }
    }

    /** Returns the cross-entropy of the classifier (mean squared error for one label). */
    @Override
    public NDArray loss(NDArray inputIds, NDArray attentionMask, NDArray labelIds) {
        if (labels == 0) {
            throw new IllegalStateException("This BERT model has no classification head");
        }
        try (NDArray logits = forward(inputIds, attentionMask)) {
            if (labels == 1) {
                try (NDArray flat = logits.squeeze(1);
                        NDArray target = labelIds.toType(DataType.FLOAT32, false);
                        NDArray diff = flat.sub(target);
                        NDArray squared = diff.square()) {
                    return squared.mean();
                }
            }
            return CrossEntropy.classification(logits, labelIds);
        }
    }

    /**
     * Returns the encoder's last hidden state {@code [batch, len, hidden]}.
     *
     * @param tokenTypeIds segment ids, or {@code null} for all zeros
     */
    public NDArray encode(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds) {
        NDManager scope = inputIds.getManager();
        NDArray x = bert.get("embeddings", BertEmbeddings.class).forward(inputIds, tokenTypeIds);
        LayerGroup list = (LayerGroup) bert.find("encoder.layer");
        try (NDArray mask =
                attentionMask == null
                        ? scope.zeros(new ai.djl.ndarray.types.Shape(1))
                        : AttentionMask.padding(scope, attentionMask, x.getDataType())) {
            for (int i = 0; i < layers; i++) {
                NDArray next = list.get(String.valueOf(i), BertLayer.class).forward(x, mask);
                x.close();
                x = next;
            }
        }
        return x;
    }

    /** Returns how the classification head pools the tokens. */
    public Pooling classifierPooling() {
        return classifierPooling;
    }

    /** Returns one embedding per sequence {@code [batch, hidden]}, pooled as asked. */
    public NDArray embed(NDArray inputIds, NDArray attentionMask, Pooling pooling) {
        try (NDArray hidden = encode(inputIds, attentionMask, null)) {
            if (pooling == Pooling.CLS) {
                return hidden.get(":, 0, :");
            }
            return meanPool(hidden, attentionMask);
        }
    }

    private static NDArray meanPool(NDArray hidden, NDArray attentionMask) {
        if (attentionMask == null) {
            return hidden.mean(SEQUENCE);
        }
        try (NDArray weights = attentionMask.toType(DataType.FLOAT32, false);
                NDArray column = weights.expandDims(-1);
                NDArray masked = hidden.mul(column);
                NDArray total = masked.sum(SEQUENCE);
                NDArray count = column.sum(SEQUENCE);
                NDArray safe = Scalars.maximum(count, 1e-9f)) {
            return total.div(safe);
        }
    }

    private NDArray pool(NDArray hidden) {
        try (NDArray first = hidden.get(":, 0, :");
                NDArray dense = projection("bert.pooler.dense").forward(first)) {
            return dense.tanh();
        }
    }
}
