package dev.tunebook.finetune.train;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.DatasetLoader;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.ChatTemplateLibrary;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.prompt.PromptSpec;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Test inputs: the fixture models, the Amazon part of the UCI sentiment data with its fixed split,
 * and a word-level tokenizer over that data whose vocabulary fits the tiny models (1000 ids).
 */
final class TrainerFixtures {
    static final Path FIXTURES =
            Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
    static final Path DATASETS =
            Path.of(System.getProperty("tunebook.datasets", "../../../shared/datasets"));
    private static final int VOCAB = 1000;

    private TrainerFixtures() {}

    static LanguageModel model(String name) throws IOException {
        return LanguageModel.load(FIXTURES.resolve("models").resolve(name), Device.cpu());
    }

    static Dataset amazon() throws IOException {
        Path uci = DATASETS.resolve("uci-sentiment");
        return DatasetLoader.builder()
                .setSource(uci.resolve("amazon.jsonl"))
                .optSplitFile(uci.resolve("splits.json"))
                .build()
                .load();
    }

    /**
     * Writes a WordLevel {@code tokenizer.json} (lower-cased, BERT pre-tokenizer, {@code [CLS] ...
     * [SEP]}) whose vocabulary is the most frequent words of {@code dataset}, and loads it.
     */
    static Tokenizer wordTokenizer(Dataset dataset, Path dir) throws IOException {
        Map<String, Long> counts =
                java.util.stream.IntStream.range(0, dataset.size())
                        .mapToObj(dataset::textOf)
                        .flatMap(
                                t ->
                                        List.of(t.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                                                .stream())
                        .filter(w -> !w.isEmpty())
                        .collect(
                                Collectors.groupingBy(w -> w, TreeMap::new, Collectors.counting()));
        List<String> words =
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(Map.Entry::getKey)
                        .limit(VOCAB - 4)
                        .toList();
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "BertProcessing");
        post.putArray("sep").add("[SEP]").add(3);
        post.putArray("cls").add("[CLS]").add(2);
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        model.put("unk_token", "[UNK]");
        ObjectNode vocab = model.putObject("vocab");
        List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]").forEach(t -> vocab.put(t, vocab.size()));
        words.forEach(w -> vocab.put(w, vocab.size()));
        Path file = dir.resolve("tokenizer.json");
        Files.createDirectories(dir);
        json.writeValue(file.toFile(), root);
        return Tokenizer.load(file);
    }

    /**
     * Returns the chat prompt the causal tests train on: the review as user, the label as reply.
     */
    static ChatPrompt reviewPrompt() {
        return new ChatPrompt(
                PromptSpec.parse("user: Review: {text}\nassistant: {label}"),
                PromptFormat.builder().setTemplate(ChatTemplateLibrary.builtin("chatml")).build());
    }

    /** Returns the first {@code n} examples of each split of {@code data}. */
    static TrainingData slice(TrainingData data, int train, int val, int test) {
        Map<String, List<Example>> splits = new LinkedHashMap<>();
        splits.put("train", data.split("train").subList(0, train));
        splits.put("val", data.split("val").subList(0, val));
        splits.put("test", data.split("test").subList(0, test));
        return TrainingData.of(splits, data.labelNames());
    }
}
