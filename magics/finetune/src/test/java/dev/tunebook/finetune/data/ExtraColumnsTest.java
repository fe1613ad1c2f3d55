package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtraColumnsTest {
    @TempDir Path dir;

    @Test
    void fieldsTheTaskDoesNotUseBecomeColumns() throws IOException {
        Path file =
                Files.writeString(
                        dir.resolve("packages.jsonl"),
                        "{\"package\": \"2ping\", \"synopsis\": \"Ping utility\","
                                + " \"description\": \"2ping is a bi-directional ping utility.\","
                                + " \"tags\": [\"net\"]}\n"
                                + "{\"package\": \"grep\", \"description\": \"Searches files.\","
                                + " \"size\": 12, \"synopsis\": null}\n");
        Dataset data =
                DatasetLoader.builder().setSource(file).optTextColumn("description").build().load();
        assertEquals(TaskKind.COMPLETION, data.task());
        assertEquals(
                List.of("text", "package", "synopsis", "description", "tags", "size"),
                data.table().columnNames());
        assertEquals("Ping utility", data.table().getString(0, "synopsis"));
        assertEquals("", data.table().getString(1, "synopsis"), "null reads as empty");
        assertEquals("", data.table().getString(0, "size"), "missing reads as empty");
        assertEquals("12", data.table().getString(1, "size"));
        assertEquals("[\"net\"]", data.table().getString(0, "tags"));
        assertEquals("Searches files.", data.table().getString(1, "text"));
    }

    @Test
    void aFieldNamedLikeATaskColumnIsNotAddedTwice() throws IOException {
        Path file =
                Files.writeString(
                        dir.resolve("r.jsonl"),
                        "{\"text\": \"fine\", \"Label\": \"positive\", \"id\": \"7\"}\n");
        Dataset data =
                DatasetLoader.builder().setSource(file).optLabelColumn("Label").build().load();
        assertEquals(List.of("text", "label", "id"), data.table().columnNames());
    }
}
