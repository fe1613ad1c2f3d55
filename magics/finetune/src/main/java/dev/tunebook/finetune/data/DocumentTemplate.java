package dev.tunebook.finetune.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the records of a JSON Lines file into plain-text documents for language-model pretraining:
 * a template whose {@code {field}} placeholders are replaced by the record's string fields, such as
 * {@code "{package} - {synopsis}\n{description}"}. Instances are immutable and thread-safe.
 *
 * @param template the text with {@code {field}} placeholders ({@code {{} and {@code }}} are not
 *     special: braces around anything but a field name stay as they are)
 */
public record DocumentTemplate(String template) {
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Checks that the template names at least one field.
     *
     * @throws IllegalArgumentException when it names none
     */
    public DocumentTemplate {
        if (!FIELD.matcher(template).find()) {
            throw new IllegalArgumentException(
                    "document template '" + template + "' names no {field}");
        }
    }

    /** Returns the field names the template uses, in order of first use. */
    public List<String> fields() {
        List<String> fields = new ArrayList<>();
        Matcher matcher = FIELD.matcher(template);
        while (matcher.find()) {
            if (!fields.contains(matcher.group(1))) {
                fields.add(matcher.group(1));
            }
        }
        return fields;
    }

    /**
     * Returns the document of {@code record}.
     *
     * @param where names the record in errors (file and line)
     * @throws IllegalArgumentException when a field is missing or not a string
     */
    public String format(JsonNode record, String where) {
        Matcher matcher = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = record.get(matcher.group(1));
            if (value == null || !value.isTextual()) {
                throw new IllegalArgumentException(
                        where
                                + ": field '"
                                + matcher.group(1)
                                + "' is "
                                + (value == null ? "missing" : "not a string: " + value));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.asText()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Returns the documents of every record of the JSON Lines {@code file}, in file order; blank
     * lines are skipped.
     *
     * @throws IOException when the file cannot be read, or a line is not a JSON object or lacks a
     *     field (naming the file, line and field)
     */
    public List<String> read(Path file) throws IOException {
        List<String> documents = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            for (int number = 1; (line = in.readLine()) != null; number++) {
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + number;
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IOException(where + ": not JSON: " + e.getOriginalMessage(), e);
                }
                if (!record.isObject()) {
                    throw new IOException(where + ": not a JSON object");
                }
                try {
                    documents.add(format(record, where));
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
        return documents;
    }
}
