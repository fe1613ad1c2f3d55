package dev.tunebook.finetune.save;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.weights.ModelConfig;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code config.json} of a sentence classifier tunebook trained, derived from its encoder's:
 * {@code architectures} {@code BertForSequenceClassification}, {@code id2label}, {@code label2id}
 * and {@code num_labels} as transformers writes them, and {@code classifier_pooling: "mean"}, which
 * tells tunebook that the head reads the mean of the real tokens' states (transformers keeps the
 * field but pools with its pooler).
 */
final class ClassifierConfig {
    /** The config field that says how the head pools. */
    static final String POOLING_FIELD = "classifier_pooling";

    private ClassifierConfig() {}

    /**
     * Returns {@code encoder}'s config as a classifier's over {@code labels}.
     *
     * @throws WeightsFormatException if the result does not parse (naming {@code source})
     */
    static ModelConfig of(ModelConfig encoder, List<String> labels, Path source)
            throws WeightsFormatException {
        ObjectNode json = encoder.json().deepCopy();
        ArrayNode architectures = json.putArray("architectures");
        architectures.add("BertForSequenceClassification");
        ObjectNode id2label = json.putObject("id2label");
        ObjectNode label2id = json.putObject("label2id");
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(Integer.toString(i), labels.get(i));
            label2id.put(labels.get(i), i);
        }
        json.put("num_labels", labels.size());
        json.put("problem_type", "single_label_classification");
        json.put(POOLING_FIELD, "mean");
        return ModelConfig.parse(json, source);
    }
}
