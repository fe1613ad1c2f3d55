package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.nn.Activation;
import dev.tunebook.finetune.nn.RotaryEmbedding;
import dev.tunebook.finetune.weights.ModelConfig;
import java.util.Map;

/** Creates the network that a {@link ModelConfig} describes, with its weights unset. */
final class ModelFactory {
    private ModelFactory() {}

    /**
     * Returns an unloaded model for {@code config}; {@code tensors} (the checkpoint) decides
     * whether a bare BERT encoder has a pooler.
     */
    static LanguageModel create(
            ModelConfig config, Map<String, NDArray> tensors, NDManager manager) {
        switch (config.architecture()) {
            case GPT2:
                return gpt2(config, manager);
            case BERT:
                return bert(config, tensors, manager);
            default:
                return llama(config, manager);
        }
    }

    private static Gpt2Model gpt2(ModelConfig c, NDManager manager) {
        return new Gpt2Model(
                manager,
                c.vocabSize(),
                c.maxPositions(),
                c.hiddenSize(),
                c.numLayers(),
                c.numHeads(),
                c.intermediateSize(),
                c.normEps(),
                Activation.fromName(c.activation()),
                eos(c),
                c.dropout(0.1, "attn_pdrop"),
                c.dropout(0.1, "resid_pdrop"));
    }

    private static LlamaModel llama(ModelConfig c, NDManager manager) {
        return LlamaModel.builder()
                .setVocabSize(c.vocabSize())
                .setHiddenSize(c.hiddenSize())
                .setLayers(c.numLayers())
                .setHeads(c.numHeads())
                .setIntermediateSize(c.intermediateSize())
                .optKvHeads(c.numKvHeads())
                .optHeadDim(c.headDim())
                .optEps(c.normEps())
                .optRotary(RotaryEmbedding.fromConfig(c))
                .optTiedHead(c.tieWordEmbeddings())
                .optAttentionBias(c.qkvBias(), c.outputBias())
                .optMlpBias(c.mlpBias())
                .optSlidingWindow(c.slidingWindow())
                .optAttentionDropout(c.dropout(0, "attention_dropout"))
                .optActivation(Activation.fromName(c.activation()))
                .optEosTokenIds(eos(c))
                .build(manager);
    }

    private static BertModel bert(ModelConfig c, Map<String, NDArray> tensors, NDManager manager) {
        boolean classifier =
                c.architectures().stream().anyMatch(a -> a.endsWith("ForSequenceClassification"));
        Pooling pooling =
                "mean".equals(c.json().path("classifier_pooling").asText(""))
                        ? Pooling.MEAN
                        : Pooling.CLS;
        boolean pooler =
                (classifier && pooling == Pooling.CLS)
                        || tensors.containsKey("bert.pooler.dense.weight")
                        || tensors.containsKey("pooler.dense.weight");
        return BertModel.builder()
                .setVocabSize(c.vocabSize())
                .setHiddenSize(c.hiddenSize())
                .setLayers(c.numLayers())
                .setHeads(c.numHeads())
                .setIntermediateSize(c.intermediateSize())
                .optMaxPositions(c.maxPositions())
                .optTypeVocabSize(c.typeVocabSize())
                .optEps(c.normEps())
                .optActivation(Activation.fromName(c.activation()))
                .optPooler(pooler)
                .optClassifier(classifier ? c.numLabels() : 0)
                .optClassifierPooling(pooling)
                .optDropout(
                        c.dropout(0.1, "hidden_dropout_prob"),
                        c.dropout(0.1, "attention_probs_dropout_prob"),
                        c.dropout(-1, "classifier_dropout"))
                .build(manager);
    }

    private static long[] eos(ModelConfig c) {
        return c.eosTokenIds().stream().mapToLong(Integer::longValue).toArray();
    }
}
