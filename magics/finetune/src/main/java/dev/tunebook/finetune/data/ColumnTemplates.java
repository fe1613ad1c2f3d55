package dev.tunebook.finetune.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns a dataset makes from other fields before rows are checked against the task, such as
 * {@code instruction = "{package} - {synopsis}"} and {@code output = "{description}"}: the Debian
 * package records become instruction data without rewriting the files. Each value is a {@link
 * DocumentTemplate}, or a bare field name that copies (renames) that field; a record lacking a
 * field it names is a bad row that names the file, line and field. Instances are immutable.
 */
final class ColumnTemplates {
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private final Map<String, DocumentTemplate> templates;
    private final List<String> order;

    ColumnTemplates(Map<String, String> templates) {
        Map<String, DocumentTemplate> parsed = new LinkedHashMap<>();
        templates.forEach(
                (column, template) -> {
                    String text =
                            FIELD_NAME.matcher(template).matches()
                                    ? "{" + template + "}"
                                    : template;
                    try {
                        parsed.put(column, new DocumentTemplate(text));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "column '"
                                        + column
                                        + "': '"
                                        + template
                                        + "' is neither a field name nor a template with {field}s",
                                e);
                    }
                });
        this.templates = Map.copyOf(parsed);
        this.order = List.copyOf(parsed.keySet());
    }

    /** Returns {@code records} with the templated columns added (or replaced) in every record. */
    List<SourceRecord> apply(List<SourceRecord> records) {
        if (templates.isEmpty()) {
            return records;
        }
        return records.stream().map(this::apply).toList();
    }

    private SourceRecord apply(SourceRecord record) {
        if (record.fields() == null || !record.fields().isObject()) {
            return record;
        }
        ObjectNode fields = ((ObjectNode) record.fields()).deepCopy();
        for (String column : order) {
            try {
                fields.put(
                        column,
                        templates.get(column).format(record.fields(), "column '" + column + "'"));
            } catch (IllegalArgumentException e) {
                return SourceRecord.failed(
                        record.file(), record.line(), record.position(), e.getMessage());
            }
        }
        return new SourceRecord(
                record.file(), record.line(), record.position(), fields, record.error());
    }
}
