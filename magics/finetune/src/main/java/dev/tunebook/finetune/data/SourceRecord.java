package dev.tunebook.finetune.data;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as read from a file, before it is checked against the task: either its fields or the
 * reason it could not be parsed.
 *
 * @param file the file name
 * @param line 1-based line where the record starts
 * @param position 0-based position of the record in its file as split files count it (the line for
 *     JSONL, the record index for JSON, CSV and TSV)
 * @param fields the record's fields, or null when it could not be parsed
 * @param error why it could not be parsed, or null
 */
record SourceRecord(String file, long line, int position, JsonNode fields, String error) {
    static SourceRecord parsed(String file, long line, int position, JsonNode fields) {
        return new SourceRecord(file, line, position, fields, null);
    }

    static SourceRecord failed(String file, long line, int position, String error) {
        return new SourceRecord(file, line, position, null, error);
    }
}
