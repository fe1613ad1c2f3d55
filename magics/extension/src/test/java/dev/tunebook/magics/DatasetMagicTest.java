package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.data.TaskKind;
import dev.tunebook.kernel.MagicUsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code %dataset load} of a split folder with {@code --set} columns, and its bad input. */
class DatasetMagicTest {
    @TempDir Path dir;

    private void writePackages() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("packages"));
        Files.writeString(
                folder.resolve("train.jsonl"),
                "{\"package\": \"grep\", \"synopsis\": \"search\", \"description\": \"Finds.\"}\n");
        Files.writeString(
                folder.resolve("test.jsonl"),
                "{\"package\": \"sed\", \"synopsis\": \"edit\", \"description\": \"Edits.\"}\n");
    }

    @Test
    void setMakesInstructionColumnsAndTheFolderKeepsItsSplits() throws Exception {
        writePackages();
        Notebook notebook = new Notebook(dir);
        new DatasetMagic()
                .run(
                        "load packages --set \"instruction=Describe {package}: {synopsis}\""
                                + " --set output=description --name pkgs",
                        null,
                        notebook);
        Dataset data = assertInstanceOf(Dataset.class, notebook.variables.get("pkgs"));
        assertEquals(TaskKind.INSTRUCTION, data.task());
        assertEquals(List.of("train", "test"), data.splits().names());
        int test = data.rows("test")[0];
        assertEquals("Describe sed: edit", data.table().stringColumn("instruction").get(test));
        assertEquals("Edits.", data.table().stringColumn("output").get(test));
    }

    @Test
    void aSetWithoutAnEqualsSignSaysWhatItExpects() throws Exception {
        writePackages();
        MagicUsageException e =
                assertThrows(
                        MagicUsageException.class,
                        () ->
                                new DatasetMagic()
                                        .run(
                                                "load packages --set output",
                                                null,
                                                new Notebook(dir)));
        assertTrue(
                e.getMessage().contains("--set output: expected COLUMN=TEMPLATE"), e.getMessage());
    }
}
