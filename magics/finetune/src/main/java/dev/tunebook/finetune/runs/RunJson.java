package dev.tunebook.finetune.runs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON mapping of run records: indented, nulls left out, unknown nested fields ignored. */
final class RunJson {
    static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build();

    private RunJson() {}

    static byte[] write(RunRecord record) {
        try {
            return MAPPER.writeValueAsBytes(RunJsonForm.of(record));
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise run " + record.id(), e);
        }
    }

    /** Returns the JSON tree of {@code record}, as {@link #write} would write it. */
    static ObjectNode tree(RunRecord record) {
        return MAPPER.valueToTree(RunJsonForm.of(record));
    }

    /**
     * Reads a record.
     *
     * @throws IOException if {@code json} is not a run record's JSON
     * @throws IllegalArgumentException if a required field is missing or a time is malformed
     */
    static RunRecord read(byte[] json) throws IOException {
        return MAPPER.readValue(json, RunJsonForm.class).toRecord();
    }
}
