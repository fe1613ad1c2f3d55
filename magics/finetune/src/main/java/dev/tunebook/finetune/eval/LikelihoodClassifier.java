package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies a text by prompting a causal language model and scoring each label's answer by its
 * log-likelihood after the generation prompt; the most likely answer wins. The prompt is tokenised
 * without added special tokens (the chat template writes them, as {@code apply_chat_template}
 * does), and each answer is tokenised on its own.
 *
 * <p>Instances are not thread-safe (they share the model).
 */
public final class LikelihoodClassifier implements TextClassifier {
    private final ContinuationScorer scorer;
    private final Tokenizer tokenizer;
    private final ClassificationPrompt prompt;
    private final List<String> labels;
    private final long[][] answers;

    /**
     * Creates a classifier.
     *
     * @param labels the label names
     * @param answers the answer text of each label (e.g. the label word itself)
     * @throws IllegalArgumentException if the lists differ in length or an answer has no tokens
     */
    public LikelihoodClassifier(
            CausalLanguageModel model,
            Tokenizer tokenizer,
            ClassificationPrompt prompt,
            List<String> labels,
            List<String> answers) {
        if (labels.isEmpty() || labels.size() != answers.size()) {
            throw new IllegalArgumentException(answers.size() + " answers for labels " + labels);
        }
        this.scorer = new ContinuationScorer(model);
        this.tokenizer = tokenizer;
        this.prompt = prompt;
        this.labels = List.copyOf(labels);
        this.answers = new long[answers.size()][];
        for (int i = 0; i < answers.size(); i++) {
            this.answers[i] = tokenizer.encode(answers.get(i), false).ids();
            if (this.answers[i].length == 0) {
                throw new IllegalArgumentException("answer '" + answers.get(i) + "' has no tokens");
            }
        }
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    /** Returns the prompt ids of {@code text}: its rendered prompt, tokenised. */
    public long[] promptIds(String text) {
        return tokenizer.encode(prompt.render(text), false).ids();
    }

    /** Returns each label's answer as token ids. */
    public long[][] answerIds() {
        long[][] copy = new long[answers.length][];
        for (int i = 0; i < answers.length; i++) {
            copy[i] = answers[i].clone();
        }
        return copy;
    }

    @Override
    public List<LabelScores> classify(List<String> texts) {
        List<LabelScores> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            Cancellation.current().throwIfCancelled();
            out.add(new LabelScores(labels, scorer.score(promptIds(text), answers)));
        }
        return out;
    }
}
