package dev.tunebook.finetune.weights;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Typed access to the fields of a {@code config.json}, where every missing or wrong-typed field
 * becomes an error naming the file and the field. A field may have several names (transformers'
 * {@code attribute_map}, e.g. {@code n_embd} and {@code hidden_size}); the first present wins.
 */
final class ConfigFields {
    private final Path file;
    private final JsonNode root;
    private final String prefix;

    ConfigFields(Path file, JsonNode root) {
        this(file, root, "");
    }

    /** Creates fields of a nested object whose names in errors start with {@code prefix}. */
    ConfigFields(Path file, JsonNode root, String prefix) {
        this.file = file;
        this.root = root;
        this.prefix = prefix;
    }

    Path file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    /** Returns the first of {@code names} present and not null, or null. */
    private JsonNode find(String... names) {
        for (String name : names) {
            JsonNode node = root.get(name);
            if (node != null && !node.isNull()) {
                return node;
            }
        }
        return null;
    }

    private String nameOf(String... names) {
        for (String name : names) {
            if (root.has(name)) {
                return name;
            }
        }
        return names[0];
    }

    WeightsFormatException error(String field, String problem) {
        return new WeightsFormatException(file, "field '" + prefix + field + "' " + problem);
    }

    private WeightsFormatException wrongType(String[] names, String expected, JsonNode found) {
        return error(nameOf(names), "must be " + expected + ", found " + describe(found));
    }

    private static String describe(JsonNode node) {
        String type = node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        return type + " " + node;
    }

    /** Returns a positive integer that must be present. */
    int requirePositiveInt(String... names) throws WeightsFormatException {
        JsonNode node = find(names);
        if (node == null) {
            throw error(names[0], "is missing" + aliases(names));
        }
        return positive(names, node);
    }

    /** Returns a positive integer, or {@code fallback} when absent or null. */
    int optPositiveInt(int fallback, String... names) throws WeightsFormatException {
        JsonNode node = find(names);
        return node == null ? fallback : positive(names, node);
    }

    private int positive(String[] names, JsonNode node) throws WeightsFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(names, "an integer", node);
        }
        if (node.asInt() <= 0) {
            throw error(nameOf(names), "must be positive, found " + node.asInt());
        }
        return node.asInt();
    }

    /** Returns a non-negative integer, or empty when absent or null. */
    OptionalInt optTokenId(String name) throws WeightsFormatException {
        JsonNode node = find(name);
        if (node == null) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw wrongType(new String[] {name}, "a non-negative integer or null", node);
        }
        return OptionalInt.of(node.asInt());
    }

    /** Returns one token id or a list of them (as {@code eos_token_id} may be), possibly empty. */
    List<Integer> tokenIds(String name) throws WeightsFormatException {
        JsonNode node = find(name);
        List<Integer> ids = new ArrayList<>();
        if (node == null) {
            return ids;
        }
        for (JsonNode id : node.isArray() ? node : List.of(node)) {
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                throw wrongType(new String[] {name}, "a token id or a list of them", node);
            }
            ids.add(id.asInt());
        }
        return ids;
    }

    /** Returns a positive number, or {@code fallback} when absent or null. */
    double optPositiveDouble(double fallback, String... names) throws WeightsFormatException {
        JsonNode node = find(names);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw wrongType(names, "a number", node);
        }
        if (!(node.asDouble() > 0)) {
            throw error(nameOf(names), "must be positive, found " + node.asDouble());
        }
        return node.asDouble();
    }

    /** Returns a boolean, or {@code fallback} when absent or null. */
    boolean optBoolean(boolean fallback, String... names) throws WeightsFormatException {
        JsonNode node = find(names);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw wrongType(names, "true or false", node);
        }
        return node.asBoolean();
    }

    /** Returns a string, or {@code fallback} when absent or null. */
    String optString(String fallback, String... names) throws WeightsFormatException {
        JsonNode node = find(names);
        if (node == null) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw wrongType(names, "a string", node);
        }
        return node.asText();
    }

    /** Returns an object field, or null when absent or null. */
    JsonNode optObject(String name) throws WeightsFormatException {
        JsonNode node = find(name);
        if (node != null && !node.isObject()) {
            throw wrongType(new String[] {name}, "an object", node);
        }
        return node;
    }

    private static String aliases(String[] names) {
        return names.length == 1
                ? ""
                : " (also looked for "
                        + String.join(", ", List.of(names).subList(1, names.length))
                        + ")";
    }
}
