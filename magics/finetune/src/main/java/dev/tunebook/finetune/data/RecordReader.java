package dev.tunebook.finetune.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the records of one dataset file, keeping the line on which each starts. */
final class RecordReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordReader() {}

    /** Reads every record of {@code file}; unparsable records come back as failed records. */
    static List<SourceRecord> read(Path file, FileFormat format) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String name = file.getFileName().toString();
            return switch (format) {
                case JSONL -> readJsonLines(name, reader);
                case JSON -> readJsonArray(name, reader);
                case CSV -> DelimitedParser.read(name, reader, ',');
                case TSV -> DelimitedParser.read(name, reader, '\t');
            };
        }
    }

    private static List<SourceRecord> readJsonLines(String name, BufferedReader reader)
            throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        int lineIndex = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine(), lineIndex++) {
            if (line.isBlank()) {
                continue;
            }
            long lineNumber = lineIndex + 1L;
            try {
                JsonNode node = JSON.readTree(line);
                records.add(checkObject(name, lineNumber, lineIndex, node));
            } catch (JsonProcessingException e) {
                records.add(
                        SourceRecord.failed(
                                name,
                                lineNumber,
                                lineIndex,
                                "bad JSON: " + e.getOriginalMessage()));
            }
        }
        return records;
    }

    private static List<SourceRecord> readJsonArray(String name, Reader reader) throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                records.add(SourceRecord.failed(name, 1, 0, "bad JSON: expected an array of rows"));
                return records;
            }
            readArrayElements(name, parser, records);
        } catch (JsonProcessingException e) {
            // After a syntax error the rest of the array cannot be trusted: report where it broke.
            long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            records.add(
                    SourceRecord.failed(
                            name, line, records.size(), "bad JSON: " + e.getOriginalMessage()));
        }
        return records;
    }

    private static void readArrayElements(
            String name, JsonParser parser, List<SourceRecord> records) throws IOException {
        for (JsonToken token = parser.nextToken();
                token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            if (token == null) {
                throw new JsonProcessingException("unexpected end of file inside the array") {};
            }
            long line = parser.currentTokenLocation().getLineNr();
            JsonNode node = parser.readValueAsTree();
            records.add(checkObject(name, line, records.size(), node));
        }
    }

    private static SourceRecord checkObject(String name, long line, int position, JsonNode node) {
        if (node == null || !node.isObject()) {
            String kind =
                    node == null
                            ? "nothing"
                            : node.getNodeType().toString().toLowerCase(Locale.ROOT);
            return SourceRecord.failed(
                    name, line, position, "bad JSON: expected an object, found " + kind);
        }
        return SourceRecord.parsed(name, line, position, node);
    }
}
