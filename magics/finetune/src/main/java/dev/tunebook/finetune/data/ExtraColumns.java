package dev.tunebook.finetune.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Keeps the fields of the records that their task does not use as extra string columns, so that a
 * prompt can say {@code {synopsis}} and an index can be built over {@code description} of a file
 * whose records carry more than text and label. Fields are added in the order first seen; a record
 * without one has {@code ""} there; nested values are kept as their JSON text.
 */
final class ExtraColumns {
    private ExtraColumns() {}

    /** Adds to {@code table} every field of {@code records} that is not yet one of its columns. */
    static void add(Table table, List<SourceRecord> records) {
        Set<String> taken = new LinkedHashSet<>();
        table.columnNames().forEach(n -> taken.add(n.toLowerCase(Locale.ROOT)));
        Set<String> names = new LinkedHashSet<>();
        for (SourceRecord record : records) {
            record.fields().fieldNames().forEachRemaining(names::add);
        }
        for (String name : names) {
            // Tablesaw matches column names ignoring case.
            if (taken.add(name.toLowerCase(Locale.ROOT))) {
                List<String> values =
                        records.stream().map(r -> text(r.fields().get(name))).toList();
                table.addColumns(StringColumn.create(name, values));
            }
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
