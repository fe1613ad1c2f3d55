package dev.tunebook.finetune.runs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise run " + record.id(), e);
        }
    }

    static RunRecord read(byte[] json) throws IOException {
        return MAPPER.readValue(json, RunRecord.class);
    }

    /** Returns a deep copy, so a snapshot can be written while the original keeps changing. */
    static RunRecord copy(RunRecord record) {
        try {
            return read(write(record));
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy run " + record.id(), e);
        }
    }
}
