package dev.tunebook.finetune.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.tokenize.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a real Hugging Face word-level tokenizer whose 1,000 ids fit the fixture models'
 * vocabulary: special tokens, the words the tests use, then filler words up to id 999; and a {@code
 * tokenizer_config.json} with a small ChatML-like chat template.
 */
public final class WordTokenizer {
    /** The chat template written to tokenizer_config.json. */
    public static final String TEMPLATE =
            "{% for m in messages %}<|im_start|> {{ m.role }} {{ m.content }} <|im_end|> {% endfor %}"
                    + "{% if add_generation_prompt %}<|im_start|> assistant {% endif %}";

    private static final List<String> SPECIAL = List.of("[UNK]", "<|im_start|>", "<|im_end|>");
    private static final List<String> WORDS =
            List.of(
                    "system",
                    "user",
                    "assistant",
                    "classify",
                    "the",
                    "text",
                    "answer",
                    "with",
                    "one",
                    "word",
                    "negative",
                    "positive",
                    "or",
                    ".",
                    ":",
                    ",",
                    "!",
                    "this",
                    "is",
                    "a",
                    "great",
                    "bad",
                    "movie",
                    "food",
                    "terrible",
                    "awesome",
                    "love",
                    "hate",
                    "it",
                    "was",
                    "review",
                    "i",
                    "good",
                    "service",
                    "slow",
                    "friendly");

    /** The vocabulary size, that of the fixture models. */
    public static final int VOCAB = 1000;

    private WordTokenizer() {}

    /** Writes the tokenizer into {@code dir} and loads it. */
    public static Tokenizer write(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        ObjectNode vocab = json.createObjectNode();
        for (String token : SPECIAL) {
            ObjectNode t = added.addObject();
            t.put("id", vocab.size()).put("content", token).put("single_word", false);
            t.put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
            vocab.put(token, vocab.size());
        }
        WORDS.forEach(w -> vocab.put(w, vocab.size()));
        while (vocab.size() < VOCAB) {
            vocab.put("w" + vocab.size(), vocab.size());
        }
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel").put("unk_token", "[UNK]").set("vocab", vocab);
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("tokenizer.json").toFile(), root);
        ObjectNode config = json.createObjectNode();
        config.put("chat_template", TEMPLATE).put("eos_token", "<|im_end|>");
        json.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
        return Tokenizer.load(dir);
    }
}
