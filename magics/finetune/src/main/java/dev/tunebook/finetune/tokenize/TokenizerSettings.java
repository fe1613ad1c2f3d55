package dev.tunebook.finetune.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code tokenizer_config.json} adds to {@code tokenizer.json}: the names of the special
 * tokens, whether BOS/EOS are added, and the chat template. Tokens may be written as strings or as
 * {@code {"content": ...}} objects; a missing file means no settings.
 *
 * @param bosToken beginning-of-sequence token
 * @param eosToken end-of-sequence token
 * @param padToken padding token
 * @param unkToken unknown-token token
 * @param addBosToken {@code add_bos_token}, if the file says
 * @param addEosToken {@code add_eos_token}, if the file says
 * @param chatTemplate the Jinja chat template
 */
record TokenizerSettings(
        Optional<String> bosToken,
        Optional<String> eosToken,
        Optional<String> padToken,
        Optional<String> unkToken,
        Optional<Boolean> addBosToken,
        Optional<Boolean> addEosToken,
        Optional<String> chatTemplate) {
    static final String FILE_NAME = "tokenizer_config.json";

    static TokenizerSettings read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new TokenizerSettings(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TokenizerException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenizerException(file, "must be a JSON object");
        }
        return new TokenizerSettings(
                token(file, root, "bos_token"),
                token(file, root, "eos_token"),
                token(file, root, "pad_token"),
                token(file, root, "unk_token"),
                flag(file, root, "add_bos_token"),
                flag(file, root, "add_eos_token"),
                template(file, root));
    }

    private static Optional<String> token(Path file, JsonNode root, String field)
            throws TokenizerException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isObject() && node.path("content").isTextual()) {
            return Optional.of(node.get("content").asText());
        }
        if (!node.isTextual()) {
            throw new TokenizerException(
                    file, "field '" + field + "' must be a token string, found " + node);
        }
        return Optional.of(node.asText());
    }

    private static Optional<Boolean> flag(Path file, JsonNode root, String field)
            throws TokenizerException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new TokenizerException(file, "field '" + field + "' must be true or false");
        }
        return Optional.of(node.asBoolean());
    }

    private static Optional<String> template(Path file, JsonNode root) throws TokenizerException {
        JsonNode node = root.get("chat_template");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.asText());
        }
        if (node.isArray()) {
            for (JsonNode named : node) {
                if ("default".equals(named.path("name").asText())) {
                    return Optional.of(named.path("template").asText());
                }
            }
        }
        throw new TokenizerException(file, "field 'chat_template' must be a string");
    }
}
