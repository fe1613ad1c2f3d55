package dev.tunebook.finetune.lora;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed fields of one JSON config object; errors name the file and the field. */
final class ConfigReader {
    /**
     * Fields that select LoRA variants this library does not implement, with their neutral value.
     */
    private static final Map<String, String> UNSUPPORTED =
            Map.of(
                    "use_dora", "false",
                    "lora_bias", "false",
                    "rank_pattern", "{}",
                    "alpha_pattern", "{}",
                    "layers_to_transform", "null",
                    "exclude_modules", "null",
                    "target_parameters", "null",
                    "layer_replication", "null",
                    "trainable_token_indices", "null");

    private final Path file;
    private final JsonNode root;

    ConfigReader(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    void requireUnsupportedAbsent() throws WeightsFormatException {
        for (Map.Entry<String, String> e : UNSUPPORTED.entrySet()) {
            JsonNode value = root.get(e.getKey());
            boolean neutral =
                    value == null
                            || value.isNull()
                            || (value.isBoolean() && !value.asBoolean())
                            || (value.isContainerNode() && value.isEmpty());
            if (!neutral) {
                throw new WeightsFormatException(
                        file,
                        e.getKey()
                                + " is "
                                + value
                                + "; this LoRA variant is not supported (expected "
                                + e.getValue()
                                + ")");
            }
        }
    }

    String text(String field, String fallback) throws WeightsFormatException {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.asText();
    }

    int positiveInt(String field, int fallback) throws WeightsFormatException {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asInt() < 1) {
            throw wrongType(field, "a positive integer", v);
        }
        return v.asInt();
    }

    double number(String field, double fallback) throws WeightsFormatException {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw wrongType(field, "a number", v);
        }
        return v.asDouble();
    }

    boolean bool(String field) throws WeightsFormatException {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false", v);
        }
        return v.asBoolean();
    }

    /** Returns a list of strings, a single string as a one-element list, or an empty list. */
    List<String> names(String field) throws WeightsFormatException {
        JsonNode v = root.get(field);
        List<String> names = new ArrayList<>();
        if (v == null || v.isNull()) {
            return names;
        }
        if (v.isTextual()) {
            names.add(v.asText());
            return names;
        }
        if (!v.isArray()) {
            throw wrongType(field, "a list of module names", v);
        }
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw wrongType(field, "a list of module names", v);
            }
            names.add(item.asText());
        }
        return names;
    }

    private WeightsFormatException wrongType(String field, String expected, JsonNode value) {
        return new WeightsFormatException(
                file, "field " + field + " must be " + expected + ", not " + value);
    }
}
