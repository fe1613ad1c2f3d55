package dev.tunebook.finetune.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses CSV or TSV with a header row: fields may be quoted with {@code "}, quotes inside are
 * doubled, and quoted fields may span lines (RFC 4180). Instances are not thread-safe.
 */
final class DelimitedParser {
    private final Reader reader;
    private final char delimiter;
    private long line = 1;
    private long recordStart = 1;
    private int pushedBack = -2;

    private DelimitedParser(Reader reader, char delimiter) {
        this.reader = reader;
        this.delimiter = delimiter;
    }

    /** Reads every data record of {@code reader}, keyed by the header row. */
    static List<SourceRecord> read(String name, Reader reader, char delimiter) throws IOException {
        DelimitedParser parser = new DelimitedParser(reader, delimiter);
        List<SourceRecord> records = new ArrayList<>();
        List<String> header = parser.nextRecordOrReport(name, records);
        if (header == null) {
            return records;
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        while (true) {
            List<String> fields = parser.nextRecordOrReport(name, records);
            if (fields == null) {
                return records;
            }
            records.add(toRecord(name, parser.recordStart, records.size(), header, fields));
        }
    }

    private static SourceRecord toRecord(
            String name, long line, int position, List<String> header, List<String> fields) {
        if (fields.size() != header.size()) {
            return SourceRecord.failed(
                    name,
                    line,
                    position,
                    "expected " + header.size() + " fields, found " + fields.size());
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < header.size(); i++) {
            node.put(header.get(i), fields.get(i));
        }
        return SourceRecord.parsed(name, line, position, node);
    }

    /** Returns the next record, or null at end of input or after an unterminated quote. */
    private List<String> nextRecordOrReport(String name, List<SourceRecord> records)
            throws IOException {
        try {
            return nextRecord();
        } catch (UnterminatedQuoteException e) {
            // Everything after an unterminated quote belongs to one field: nothing more to read.
            records.add(
                    SourceRecord.failed(
                            name, recordStart, records.size(), "quoted field never closed"));
            return null;
        }
    }

    /** Returns the next non-empty record, or null at end of input. */
    private List<String> nextRecord() throws IOException {
        while (true) {
            int c = next();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            pushedBack = c;
            recordStart = line;
            return readFields();
        }
    }

    private List<String> readFields() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = next();
            if (quoted) {
                if (c == -1) {
                    throw new UnterminatedQuoteException();
                } else if (c == '"') {
                    int after = next();
                    if (after == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        pushedBack = after;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == -1) {
                if (c == '\n') {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else if (c != '\r') {
                field.append((char) c);
            }
        }
    }

    private int next() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return reader.read();
    }

    /** Signals a quoted field that runs to the end of the input. */
    private static final class UnterminatedQuoteException extends IOException {}
}
