package dev.tunebook.finetune.eval;

import java.util.List;

/**
 * Anything that scores texts against a fixed set of labels: a prompting baseline, an embedding
 * classifier, a fine-tuned classification head. {@link ModelEvaluator} evaluates any of them.
 */
public interface TextClassifier {
    /** Returns the label names, in the order of {@link LabelScores#labels()}. */
    List<String> labels();

    /** Returns the scores of every text, in order. */
    List<LabelScores> classify(List<String> texts);
}
