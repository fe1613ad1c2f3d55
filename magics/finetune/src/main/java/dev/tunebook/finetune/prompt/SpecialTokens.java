package dev.tunebook.finetune.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the special tokens a chat template refers to ({@code bos_token}, {@code eos_token}, {@code
 * pad_token}, {@code unk_token}) from a model folder's {@code tokenizer_config.json}, as
 * transformers passes them to the template: strings, empty when unset.
 */
final class SpecialTokens {

    private static final List<String> NAMES =
            List.of("bos_token", "eos_token", "pad_token", "unk_token");

    private SpecialTokens() {}

    /** Returns the tokens by template variable name; an empty map when there is no config. */
    static Map<String, String> fromModelDirectory(Path dir) {
        Path file = dir.resolve("tokenizer_config.json");
        Map<String, String> tokens = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return tokens;
        }
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String name : NAMES) {
            JsonNode node = config.get(name);
            if (node != null && node.isObject()) {
                node = node.get("content");
            }
            tokens.put(name, node == null || node.isNull() ? "" : node.asText());
        }
        return tokens;
    }
}
