package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.nn.Activation;

/** Builds a {@link BertModel} from its dimensions (usually those of a config.json). */
public final class BertModelBuilder {
    long vocab;
    long positions = 512;
    long typeVocab = 2;
    long hidden;
    int layers;
    long heads;
    long intermediate;
    double eps = 1e-12;
    Activation activation = Activation.GELU;
    boolean pooler = true;
    long labels;
    double dropout = 0.1;
    double attentionDropout = 0.1;
    double classifierDropout = -1;
    Pooling classifierPooling = Pooling.CLS;

    BertModelBuilder() {}

    /** Sets the vocabulary size. */
    public BertModelBuilder setVocabSize(long vocab) {
        this.vocab = vocab;
        return this;
    }

    /** Sets the hidden size. */
    public BertModelBuilder setHiddenSize(long hidden) {
        this.hidden = hidden;
        return this;
    }

    /** Sets the number of encoder layers. */
    public BertModelBuilder setLayers(int layers) {
        this.layers = layers;
        return this;
    }

    /** Sets the number of attention heads. */
    public BertModelBuilder setHeads(long heads) {
        this.heads = heads;
        return this;
    }

    /** Sets the MLP width. */
    public BertModelBuilder setIntermediateSize(long intermediate) {
        this.intermediate = intermediate;
        return this;
    }

    /** Sets the number of learned positions (default 512). */
    public BertModelBuilder optMaxPositions(long positions) {
        this.positions = positions;
        return this;
    }

    /** Sets the number of token types (default 2). */
    public BertModelBuilder optTypeVocabSize(long typeVocab) {
        this.typeVocab = typeVocab;
        return this;
    }

    /** Sets the LayerNorm epsilon (default 1e-12). */
    public BertModelBuilder optEps(double eps) {
        this.eps = eps;
        return this;
    }

    /** Sets the MLP activation (default exact GELU). */
    public BertModelBuilder optActivation(Activation activation) {
        this.activation = activation;
        return this;
    }

    /** Includes or omits the pooler (default included). */
    public BertModelBuilder optPooler(boolean pooler) {
        this.pooler = pooler;
        return this;
    }

    /** Adds a sequence-classification head with {@code labels} outputs (0 for none). */
    public BertModelBuilder optClassifier(long labels) {
        this.labels = labels;
        return this;
    }

    /**
     * Sets how the classification head pools the tokens: {@link Pooling#CLS} through the pooler, as
     * transformers' {@code BertForSequenceClassification} does (default), or {@link Pooling#MEAN}
     * over the real tokens, as tunebook trains a head (config field {@code classifier_pooling}).
     */
    public BertModelBuilder optClassifierPooling(Pooling pooling) {
        this.classifierPooling = pooling;
        return this;
    }

    /**
     * Sets the dropout rates used in training mode: on hidden states ({@code hidden_dropout_prob}),
     * attention weights ({@code attention_probs_dropout_prob}) and before the classifier ({@code
     * classifier_dropout}; negative means the hidden rate). Defaults 0.1.
     */
    public BertModelBuilder optDropout(double hidden, double attention, double classifier) {
        this.dropout = hidden;
        this.attentionDropout = attention;
        this.classifierDropout = classifier;
        return this;
    }

    /** Returns an unloaded model owning {@code manager}. */
    public BertModel build(NDManager manager) {
        if (vocab <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || intermediate <= 0) {
            throw new IllegalStateException(
                    "vocab, hidden, layers, heads and intermediate sizes must be set");
        }
        if (labels > 0 && !pooler && classifierPooling == Pooling.CLS) {
            throw new IllegalStateException("A classification head needs the pooler");
        }
        return BertModel.create(this, manager);
    }
}
