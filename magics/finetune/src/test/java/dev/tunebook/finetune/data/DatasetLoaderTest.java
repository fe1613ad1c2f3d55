package dev.tunebook.finetune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class DatasetLoaderTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Dataset load(Path... paths) throws IOException {
        return DatasetLoader.builder().setSource(paths).build().load();
    }

    @Test
    void jsonlClassificationWithStringLabels() throws IOException {
        Dataset data =
                load(
                        write(
                                "reviews.jsonl",
                                "{\"text\": \"great\", \"label\": \"positive\"}\n\n"
                                        + "{\"text\": \"awful\", \"label\": \"negative\"}\n"
                                        + "{\"text\": \"fine\", \"label\": \"positive\"}\n"));
        assertEquals(TaskKind.CLASSIFICATION, data.task());
        assertEquals("reviews", data.name());
        assertEquals(List.of("text", "label"), data.table().columnNames());
        assertEquals(List.of("negative", "positive"), data.labelNames());
        assertArrayEquals(new int[] {1, 0, 1}, data.labelIds());
        assertEquals(3, data.lineOf(1), "the blank line still counts");
        assertArrayEquals(new int[] {0, 1, 2}, data.rows("train"));
    }

    @Test
    void integerLabelsSortNumerically() throws IOException {
        Dataset data =
                load(
                        write(
                                "stars.jsonl",
                                "{\"text\": \"a\", \"label\": 10}\n{\"text\": \"b\", \"label\": 2}\n"
                                        + "{\"text\": \"c\", \"label\": 2.0}\n"));
        assertEquals(List.of("2", "10"), data.labelNames());
        assertArrayEquals(new int[] {1, 0, 0}, data.labelIds());
    }

    @Test
    void jsonArrayOfAlpacaRecordsIsAnInstructionDataset() throws IOException {
        Dataset data =
                load(
                        write(
                                "alpaca.json",
                                "[\n {\"instruction\": \"Add\", \"input\": \"2+2\", \"output\": \"4\"},\n"
                                        + " {\"instruction\": \"Greet\", \"output\": \"Hello\"}\n]"));
        assertEquals(TaskKind.INSTRUCTION, data.task());
        Table table = data.table();
        assertEquals("", table.stringColumn("input").get(1));
        assertEquals("Add\n2+2\n4", data.textOf(0));
        assertEquals("Greet\nHello", data.textOf(1));
        assertEquals(3, data.lineOf(1));
    }

    @Test
    void messagesListsAreChat() throws IOException {
        Dataset data =
                load(
                        write(
                                "chat.jsonl",
                                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
                                        + " {\"role\": \"assistant\", \"content\": \"Hello!\"}]}\n"));
        assertEquals(TaskKind.CHAT, data.task());
        assertEquals("Hi\nHello!", data.textOf(0));
        assertTrue(data.table().stringColumn("messages").get(0).contains("\"assistant\""));
    }

    @Test
    void plainTextIsCompletion() throws IOException {
        Dataset data = load(write("corpus.jsonl", "{\"text\": \"Once upon a time\"}\n"));
        assertEquals(TaskKind.COMPLETION, data.task());
        assertEquals(List.of(), data.labelNames());
    }

    @Test
    void csvWithQuotedFieldsAndNamedColumns() throws IOException {
        Path csv =
                write(
                        "tweets.csv",
                        "id,tweet,sentiment\r\n1,\"hello, \"\"world\"\"\",pos\r\n"
                                + "2,\"two\nlines\",neg\r\n3,plain,pos\r\n");
        Dataset data =
                DatasetLoader.builder()
                        .setSource(csv)
                        .optTask(TaskKind.CLASSIFICATION)
                        .optTextColumn("tweet")
                        .optLabelColumn("sentiment")
                        .build()
                        .load();
        assertEquals("hello, \"world\"", data.table().stringColumn("text").get(0));
        assertEquals("two\nlines", data.table().stringColumn("text").get(1));
        assertEquals(5, data.lineOf(2), "line counts include the newline inside quotes");
        assertEquals(List.of("neg", "pos"), data.labelNames());
    }

    @Test
    void tsv() throws IOException {
        Dataset data = load(write("data.tsv", "text\tlabel\nyes\t1\nno\t0\n"));
        assertEquals(List.of("0", "1"), data.labelNames());
        assertEquals("no", data.table().stringColumn("text").get(1));
    }

    @Test
    void badRowsAreReportedByLineWithTheirReason() throws IOException {
        Path file = write("bad.jsonl", BAD_ROWS);
        BadRowsException e = assertThrows(BadRowsException.class, () -> load(file));
        assertEquals(
                List.of(
                        new RowProblem("bad.jsonl", 2, "bad JSON: Unexpected character"),
                        new RowProblem("bad.jsonl", 3, "missing column 'label'"),
                        new RowProblem("bad.jsonl", 4, "empty text in column 'text'"),
                        new RowProblem("bad.jsonl", 5, "unknown label type")),
                e.problems().stream()
                        .map(p -> new RowProblem(p.file(), p.line(), shorten(p.reason())))
                        .toList());
        assertTrue(e.getMessage().contains("bad.jsonl:3: missing column 'label'"), e.getMessage());
    }

    private static final String BAD_ROWS =
            "{\"text\": \"ok\", \"label\": \"a\"}\n"
                    + "{\"text\": \"broken\", label: \"a\"}\n"
                    + "{\"text\": \"no label\"}\n"
                    + "{\"text\": \"  \", \"label\": \"b\"}\n"
                    + "{\"text\": \"odd\", \"label\": {\"x\": 1}}\n"
                    + "{\"text\": \"also ok\", \"label\": \"b\"}\n";

    private static String shorten(String reason) {
        if (reason.startsWith("bad JSON: Unexpected character")) {
            return "bad JSON: Unexpected character";
        }
        return reason.startsWith("unknown label type") ? "unknown label type" : reason;
    }

    @Test
    void skipBadRowsKeepsGoingAndCounts() throws IOException {
        Dataset data =
                DatasetLoader.builder()
                        .setSource(write("bad.jsonl", BAD_ROWS))
                        .optSkipBadRows(true)
                        .build()
                        .load();
        assertEquals(2, data.size());
        assertEquals(4, data.skippedRows().size());
        assertEquals(6, data.lineOf(1));
        assertTrue(data.skippedRows().get(3).reason().contains("an object"));
    }

    @Test
    void csvRowsWithTheWrongFieldCountAndUnclosedQuotes() throws IOException {
        Path file = write("bad.csv", "text,label\n\"a\nb\",x\nonly-one\nc,y\n\"never closed,z\n");
        BadRowsException e = assertThrows(BadRowsException.class, () -> load(file));
        assertEquals(
                List.of(
                        new RowProblem("bad.csv", 4, "expected 2 fields, found 1"),
                        new RowProblem("bad.csv", 6, "quoted field never closed")),
                e.problems());
    }

    @Test
    void jsonArrayElementsThatAreNotObjects() throws IOException {
        Path file = write("rows.json", "[\n{\"text\": \"a\"},\n42,\n{\"text\": \"b\"\n");
        BadRowsException e = assertThrows(BadRowsException.class, () -> load(file));
        assertEquals(3, e.problems().get(0).line());
        assertEquals("bad JSON: expected an object, found number", e.problems().get(0).reason());
        assertTrue(e.problems().get(1).reason().startsWith("bad JSON"), e.getMessage());
    }

    @Test
    void unknownExtensionAndMissingFileAreNamed() throws IOException {
        Path txt = write("notes.txt", "x");
        IOException e = assertThrows(IOException.class, () -> load(txt));
        assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
        IOException missing =
                assertThrows(IOException.class, () -> load(dir.resolve("gone.jsonl")));
        assertTrue(missing.getMessage().contains("gone.jsonl"), missing.getMessage());
    }

    @Test
    void unknownTaskNameListsTheChoices() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TaskKind.parse("regression"));
        assertTrue(e.getMessage().contains("classification, instruction, chat or completion"));
        assertEquals(TaskKind.CHAT, TaskKind.parse("Chat"));
    }
}
