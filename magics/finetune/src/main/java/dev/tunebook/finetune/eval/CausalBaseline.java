package dev.tunebook.finetune.eval;

import dev.tunebook.finetune.Cancellation;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the prompting baselines of causal language models from {@link BaselineSettings}. */
final class CausalBaseline {
    private CausalBaseline() {}

    static TextClassifier classifier(
            CausalLanguageModel model,
            Tokenizer tokenizer,
            Dataset dataset,
            BaselineSettings settings,
            List<String> answers) {
        List<ClassificationPrompt.Shot> shots = List.of();
        if (settings.shots() > 0) {
            FewShotSample sample =
                    FewShotSample.draw(
                            dataset, settings.trainSplit(), settings.shots(), settings.seed());
            shots = interleave(sample.texts(dataset), dataset.labelNames(), answers);
        }
        String instruction =
                settings.instruction() != null ? settings.instruction() : instruction(answers);
        ClassificationPrompt prompt =
                new ClassificationPrompt(format(tokenizer, settings), instruction, shots);
        List<String> labels = dataset.labelNames();
        return settings.generate()
                ? new GenerationClassifier(
                        model, tokenizer, prompt, labels, answers, settings.maxNewTokens())
                : new LikelihoodClassifier(model, tokenizer, prompt, labels, answers);
    }

    /** Returns the default instruction: answer with one of the answer words. */
    static String instruction(List<String> answers) {
        return "Classify the text. Answer with one word: " + String.join(" or ", answers) + ".";
    }

    /** Takes one example of each label in turn, so no label's examples all come last. */
    static List<ClassificationPrompt.Shot> interleave(
            Map<String, List<String>> texts, List<String> labels, List<String> answers) {
        List<ClassificationPrompt.Shot> shots = new ArrayList<>();
        int rounds = texts.values().stream().mapToInt(List::size).max().orElse(0);
        for (int k = 0; k < rounds; k++) {
            Cancellation.current().throwIfCancelled();
            for (int l = 0; l < labels.size(); l++) {
                List<String> ofLabel = texts.get(labels.get(l));
                if (k < ofLabel.size()) {
                    shots.add(new ClassificationPrompt.Shot(ofLabel.get(k), answers.get(l)));
                }
            }
        }
        return shots;
    }

    private static PromptFormat format(Tokenizer tokenizer, BaselineSettings settings) {
        if (settings.promptFormat() != null) {
            return settings.promptFormat();
        }
        return TextGenerator.chatFormat(tokenizer)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        tokenizer.file()
                                                + " has no chat template beside it"
                                                + " (tokenizer_config.json): give a prompt format"));
    }
}
