package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders split by file name, and columns made from other fields ({@code --set}). */
class DatasetLayoutTest {
    private static final String PACKAGE =
            "{\"package\": \"%s\", \"synopsis\": \"%s\", \"description\": \"%s\"}\n";

    @TempDir Path dir;

    private void write(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("", lines));
    }

    private static String pkg(String name, String synopsis, String description) {
        return PACKAGE.formatted(name, synopsis, description);
    }

    @Test
    void aFolderOfSplitNamedFilesKeepsTheirSplits() throws IOException {
        write(
                "train.jsonl",
                "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \"y\"}\n");
        write("validation.jsonl", "{\"text\": \"c\", \"label\": \"x\"}\n");
        write("test.jsonl", "{\"text\": \"d\", \"label\": \"y\"}\n");
        Dataset data = DatasetLoader.builder().setSource(dir).build().load();
        assertEquals(List.of("train", "val", "test"), data.splits().names());
        assertEquals(List.of("a", "b"), texts(data, "train"));
        assertEquals(List.of("c"), texts(data, "val"), "validation is the val split");
        assertEquals(List.of("d"), texts(data, "test"));
    }

    @Test
    void otherFileNamesStayOneTrainSplitAndFractionsStillWin() throws IOException {
        write("amazon.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n");
        write("test.jsonl", "{\"text\": \"d\", \"label\": \"y\"}\n");
        Dataset mixed = DatasetLoader.builder().setSource(dir).build().load();
        assertEquals(List.of("train"), mixed.splits().names());

        Files.delete(dir.resolve("amazon.jsonl"));
        write(
                "train.jsonl",
                "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \"y\"}\n");
        Dataset byFraction = DatasetLoader.builder().setSource(dir).optSplit(1.0).build().load();
        assertEquals(List.of("train"), byFraction.splits().names());
        assertEquals(3, byFraction.rows("train").length);
    }

    @Test
    void templatedColumnsTurnRecordsIntoInstructionData() throws IOException {
        write(
                "train.jsonl",
                pkg("grep", "search text", "GNU grep searches files."),
                pkg("sed", "stream editor", "sed edits streams."));
        write("test.jsonl", pkg("awk", "pattern scanning", "awk scans patterns."));
        Dataset data =
                DatasetLoader.builder()
                        .setSource(dir)
                        .optColumn("instruction", "Describe {package}: {synopsis}")
                        .optColumn("output", "description")
                        .build()
                        .load();
        assertEquals(TaskKind.INSTRUCTION, data.task(), "detected from the made columns");
        assertEquals(
                List.of("Describe grep: search text", "Describe sed: stream editor"),
                column(data, "instruction", "train"));
        assertEquals(List.of("awk scans patterns."), column(data, "output", "test"));
    }

    @Test
    void aRecordWithoutATemplatesFieldIsABadRowNamingFileLineAndField() throws IOException {
        write(
                "train.jsonl",
                pkg("grep", "search text", "GNU grep searches files."),
                "{\"package\": \"sed\", \"description\": \"sed edits streams.\"}\n");
        DatasetLoader loader =
                DatasetLoader.builder()
                        .setSource(dir.resolve("train.jsonl"))
                        .optColumn("instruction", "{package} - {synopsis}")
                        .optColumn("output", "description")
                        .build();
        BadRowsException e = assertThrows(BadRowsException.class, loader::load);
        assertTrue(e.getMessage().contains("train.jsonl"), e.getMessage());
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertTrue(e.getMessage().contains("'synopsis' is missing"), e.getMessage());
    }

    @Test
    void aTemplateThatIsNoFieldAndNamesNoneIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DatasetLoader.builder().optColumn("output", "the description"));
        assertTrue(e.getMessage().contains("column 'output'"), e.getMessage());
    }

    @Test
    void limitsKeepASeededSampleOfEachSplitInRowOrder() throws IOException {
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            train.append("{\"text\": \"t").append(i).append("\", \"label\": \"x\"}\n");
        }
        write("train.jsonl", train.toString());
        write(
                "test.jsonl",
                "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": \"x\"}\n");
        DatasetLoader.Builder loader =
                DatasetLoader.builder().setSource(dir).optLimit(SplitLimits.parse("train=10"));
        Dataset once = loader.build().load();
        Dataset again = loader.build().load();
        int[] rows = once.rows("train");
        assertEquals(10, rows.length);
        assertEquals(texts(once, "train"), texts(again, "train"), "the same seed, the same rows");
        assertEquals(12, once.size(), "a limited dataset holds only its sample");
        for (int i = 1; i < rows.length; i++) {
            assertTrue(rows[i - 1] < rows[i], "row order");
        }
        assertEquals(2, once.rows("test").length, "an uncapped split keeps every row");
        Dataset other = loader.optSeed(7).build().load();
        assertFalse(texts(once, "train").equals(texts(other, "train")), "another seed, other rows");

        assertEquals(
                1,
                DatasetLoader.builder()
                        .setSource(dir)
                        .optLimit(SplitLimits.parse("1"))
                        .build()
                        .load()
                        .rows("test")
                        .length);
        IllegalArgumentException wrongSplit =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                DatasetLoader.builder()
                                        .setSource(dir)
                                        .optLimit(SplitLimits.parse("val=3"))
                                        .build()
                                        .load());
        assertTrue(wrongSplit.getMessage().contains("split 'val'"), wrongSplit.getMessage());
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> SplitLimits.parse("train=0"));
        assertTrue(bad.getMessage().contains("'train=0'"), bad.getMessage());
    }

    private static List<String> texts(Dataset data, String split) {
        return column(data, "text", split);
    }

    private static List<String> column(Dataset data, String column, String split) {
        List<String> values = new ArrayList<>();
        for (int row : data.rows(split)) {
            values.add(data.table().stringColumn(column).get(row));
        }
        return values;
    }
}
