package dev.tunebook.finetune.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;

/** Checks a record against its task and turns it into the values of the table's columns. */
final class RowConverter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskKind task;
    private final String textColumn;
    private final String labelColumn;

    RowConverter(TaskKind task, String textColumn, String labelColumn) {
        this.task = task;
        this.textColumn = textColumn;
        this.labelColumn = labelColumn;
    }

    /** Returns the table columns a row of {@code task} has. */
    static List<String> columns(TaskKind task) {
        return switch (task) {
            case CLASSIFICATION -> List.of("text", "label");
            case COMPLETION -> List.of("text");
            case INSTRUCTION -> List.of("instruction", "input", "output");
            case CHAT -> List.of("messages");
        };
    }

    /** Guesses the task from the fields of a record: messages, alpaca fields, a label, or text. */
    static TaskKind detect(JsonNode fields, String labelColumn) {
        if (fields.has("messages")) {
            return TaskKind.CHAT;
        } else if (fields.has("instruction") && fields.has("output")) {
            return TaskKind.INSTRUCTION;
        } else if (fields.has(labelColumn)) {
            return TaskKind.CLASSIFICATION;
        }
        return TaskKind.COMPLETION;
    }

    /**
     * Returns the column values of {@code fields}.
     *
     * @throws IllegalArgumentException with the reason the row is bad
     */
    String[] convert(JsonNode fields) {
        return switch (task) {
            case CLASSIFICATION ->
                    new String[] {text(fields, textColumn, false), label(fields.get(labelColumn))};
            case COMPLETION -> new String[] {text(fields, textColumn, false)};
            case INSTRUCTION ->
                    new String[] {
                        text(fields, "instruction", false),
                        fields.has("input") ? text(fields, "input", true) : "",
                        text(fields, "output", false)
                    };
            case CHAT -> new String[] {messages(fields.get("messages"))};
        };
    }

    private static String text(JsonNode fields, String column, boolean mayBeEmpty) {
        JsonNode value = fields.get(column);
        if (value == null) {
            throw new IllegalArgumentException("missing column '" + column + "'");
        }
        if (value.isNull() && mayBeEmpty) {
            return "";
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(
                    "column '" + column + "' is " + kind(value) + ", not a string");
        }
        if (!mayBeEmpty && value.asText().isBlank()) {
            throw new IllegalArgumentException("empty text in column '" + column + "'");
        }
        return value.asText();
    }

    private String label(JsonNode value) {
        if (value == null) {
            throw new IllegalArgumentException("missing column '" + labelColumn + "'");
        }
        if (value.isTextual() && !value.asText().isBlank()) {
            return value.asText().trim();
        } else if (value.isIntegralNumber() || value.isBoolean()) {
            return value.asText();
        } else if (value.isNumber() && value.asDouble() == Math.rint(value.asDouble())) {
            return Long.toString((long) value.asDouble());
        }
        String what = value.isTextual() ? "an empty string" : kind(value);
        throw new IllegalArgumentException(
                "unknown label type in column '"
                        + labelColumn
                        + "': "
                        + what
                        + " (expected a string, integer or boolean)");
    }

    private static String messages(JsonNode value) {
        if (value == null) {
            throw new IllegalArgumentException("missing column 'messages'");
        }
        JsonNode list = value.isTextual() ? parseList(value.asText()) : value;
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("'messages' is not a non-empty list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode message = list.get(i);
            if (!message.path("role").isTextual() || !message.path("content").isTextual()) {
                throw new IllegalArgumentException(
                        "messages[" + i + "] is not an object with string 'role' and 'content'");
            }
        }
        return list.toString();
    }

    private static JsonNode parseList(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "'messages' is not a JSON list: " + e.getOriginalMessage());
        }
    }

    private static String kind(JsonNode value) {
        String type = value.getNodeType().toString().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "array", "object" -> "an " + type;
            default -> "a " + type;
        };
    }
}
