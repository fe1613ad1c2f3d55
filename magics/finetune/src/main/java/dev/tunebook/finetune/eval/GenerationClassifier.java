package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies a text by letting a causal language model answer freely (greedy decoding) and taking
 * the first label word found in its answer ({@link AnswerParser}). The chosen label scores 1 and
 * the others 0; an answer naming no label scores every label {@code -Infinity} and counts as wrong.
 *
 * <p>Instances are not thread-safe (they share the model).
 */
public final class GenerationClassifier implements TextClassifier {
    private final CausalLanguageModel model;
    private final Tokenizer tokenizer;
    private final ClassificationPrompt prompt;
    private final List<String> labels;
    private final List<String> words;
    private final GenerationOptions options;

    /**
     * Creates a classifier.
     *
     * @param words the word that names each label in an answer
     * @param maxNewTokens the longest answer generated
     */
    public GenerationClassifier(
            CausalLanguageModel model,
            Tokenizer tokenizer,
            ClassificationPrompt prompt,
            List<String> labels,
            List<String> words,
            int maxNewTokens) {
        if (labels.isEmpty() || labels.size() != words.size()) {
            throw new IllegalArgumentException(words.size() + " answer words for labels " + labels);
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.prompt = prompt;
        this.labels = List.copyOf(labels);
        this.words = List.copyOf(words);
        this.options = GenerationOptions.greedy(maxNewTokens);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    /** Returns the model's answer to {@code text}: the generated tokens, decoded. */
    public String answer(String text) {
        long[] ids = tokenizer.encode(prompt.render(text), false).ids();
        long[] all = model.generate(ids, options);
        return tokenizer.decode(Arrays.copyOfRange(all, ids.length, all.length), true);
    }

    @Override
    public List<LabelScores> classify(List<String> texts) {
        List<LabelScores> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            Cancellation.current().throwIfCancelled();
            int found = AnswerParser.firstLabel(answer(text), words);
            double[] scores = new double[labels.size()];
            Arrays.fill(scores, found < 0 ? Double.NEGATIVE_INFINITY : 0);
            if (found >= 0) {
                scores[found] = 1;
            }
            out.add(new LabelScores(labels, scores));
        }
        return out;
    }
}
