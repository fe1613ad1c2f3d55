package dev.tunebook.finetune.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Row;

/** The text of a row whose length summaries measure. */
final class RowText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowText() {}

    static String of(TaskKind task, Row row) {
        return switch (task) {
            case CLASSIFICATION, COMPLETION -> row.getString("text");
            case INSTRUCTION -> joinInstruction(row);
            case CHAT -> joinMessages(row.getString("messages"));
        };
    }

    private static String joinInstruction(Row row) {
        String input = row.getString("input");
        return row.getString("instruction")
                + "\n"
                + (input.isEmpty() ? "" : input + "\n")
                + row.getString("output");
    }

    private static String joinMessages(String json) {
        try {
            List<String> contents = new ArrayList<>();
            for (JsonNode message : JSON.readTree(json)) {
                contents.add(message.path("content").asText());
            }
            return String.join("\n", contents);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
