package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies texts with an encoder's own classification head ({@code
 * BertForSequenceClassification}, a fine-tuned or probed model): scores are the log-softmax of the
 * head's logits. Instances are not thread-safe (they share the model).
 */
public final class HeadClassifier implements TextClassifier {
    private final BertModel model;
    private final List<String> labels;
    private final EncoderBatches batches;

    /**
     * Creates a classifier over {@code model}'s head, whose outputs are {@code labels} in order.
     *
     * @param labels label names by head output (the config's {@code id2label}, or the dataset's
     *     sorted labels the head was trained on)
     */
    public HeadClassifier(BertModel model, Tokenizer tokenizer, List<String> labels) {
        this.model = model;
        this.labels = List.copyOf(labels);
        this.batches = new EncoderBatches(model, tokenizer, 64, 512);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    /**
     * Returns the log-probability of every label for every text.
     *
     * @throws IllegalStateException if the head's width is not the number of labels
     */
    @Override
    public List<LabelScores> classify(List<String> texts) {
        float[][] logits = batches.apply(texts, (ids, mask) -> model.forward(ids, mask));
        List<LabelScores> out = new ArrayList<>(texts.size());
        for (float[] row : logits) {
            if (row.length != labels.size()) {
                throw new IllegalStateException(
                        "the classification head has "
                                + row.length
                                + " outputs for labels "
                                + labels);
            }
            out.add(new LabelScores(labels, LogSoftmax.of(row)));
        }
        return out;
    }
}
