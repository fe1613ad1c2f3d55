package dev.tunebook.kernel.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.kernel.jupyter.LanguageInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
    private final PrintStream progress =
            new PrintStream(progressBytes, true, StandardCharsets.UTF_8);

    @Test
    void writesStreamsResultsAndDisplaysInNbformat4() throws IOException {
        Path nb =
                notebook("out a\nout b\nerr c\nout d", "display first\nvalue 42", "update second");
        assertTrue(new NotebookRunner(new ScriptedSession(), progress).run(options(nb, false)));

        JsonNode cells = JSON.readTree(nb.toFile()).get("cells");
        JsonNode first = cells.get(1).get("outputs");
        assertEquals(3, first.size(), first.toString());
        assertEquals("stdout", first.get(0).get("name").asText());
        assertEquals("a\nb\n", joined(first.get(0).get("text")));
        assertEquals("stderr", first.get(1).get("name").asText());
        assertEquals("d\n", joined(first.get(2).get("text")));
        assertEquals(1, cells.get(1).get("execution_count").asInt());

        JsonNode second = cells.get(2).get("outputs");
        assertEquals("display_data", second.get(0).get("output_type").asText());
        assertEquals(
                "second",
                joined(second.get(0).get("data").get("text/plain")),
                "update_display replaces the earlier output in place");
        assertEquals("execute_result", second.get(1).get("output_type").asText());
        assertEquals(2, second.get(1).get("execution_count").asInt());
        assertEquals(0, cells.get(3).get("outputs").size());
        assertEquals("markdown", cells.get(0).get("cell_type").asText());
        assertEquals(
                JSON.valueToTree(LanguageInfo.current()),
                JSON.readTree(nb.toFile()).get("metadata").get("language_info"),
                "the runner records the language_info the kernel reports, as Jupyter does");
        String lines = progressBytes.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("[1/3] cell 2 ... ok ("), lines);
        assertTrue(lines.contains("[3/3] cell 4 ... ok ("), lines);
    }

    @Test
    void stopsAtFirstFailingCellAndStillWritesTheNotebook() throws IOException {
        Path nb = notebook("out before", "fail broken", "out never");
        ScriptedSession session = new ScriptedSession();
        assertFalse(new NotebookRunner(session, progress).run(options(nb, false)));
        assertEquals(2, session.executed.size());
        JsonNode error = JSON.readTree(nb.toFile()).get("cells").get(2).get("outputs").get(0);
        assertEquals("error", error.get("output_type").asText());
        assertEquals("Boom", error.get("ename").asText());
        assertEquals("broken", error.get("evalue").asText());
        assertEquals("at broken", error.get("traceback").get(0).asText());
        assertTrue(progressBytes.toString(StandardCharsets.UTF_8).contains("error ("));
    }

    @Test
    void progressLinesOfLongWorkShowOnTheTerminalUnderTheirCell() throws IOException {
        Path nb = notebook("out quick", "progress step 1/2\nprogress step 2/2");
        assertTrue(new NotebookRunner(new ScriptedSession(), progress).run(options(nb, false)));
        String terminal = progressBytes.toString(StandardCharsets.UTF_8);
        assertTrue(terminal.contains("[1/2] cell 2 ... ok ("), terminal);
        assertTrue(
                terminal.contains(
                        "[2/2] cell 3 ... \n      step 1/2\n      step 2/2\n[2/2] cell 3 ok ("),
                terminal);
    }

    @Test
    void allowErrorsRunsEveryCell() throws IOException {
        Path nb = notebook("fail one", "out two");
        ScriptedSession session = new ScriptedSession();
        assertFalse(new NotebookRunner(session, progress).run(options(nb, true)));
        assertEquals(2, session.executed.size());
    }

    @Test
    void clearOutputEmptiesTheCell() throws IOException {
        Path nb = notebook("out gone\nclear\nout kept");
        new NotebookRunner(new ScriptedSession(), progress).run(options(nb, false));
        JsonNode outputs = JSON.readTree(nb.toFile()).get("cells").get(1).get("outputs");
        assertEquals(1, outputs.size());
        assertEquals("kept\n", joined(outputs.get(0).get("text")));
    }

    @Test
    void timeoutInterruptsTheCell() throws IOException {
        Path nb = notebook("block");
        RunOptions options = new RunOptions(nb, null, Duration.ofMillis(200), false);
        assertFalse(new NotebookRunner(new ScriptedSession(), progress).run(options));
        JsonNode error = JSON.readTree(nb.toFile()).get("cells").get(1).get("outputs").get(0);
        assertEquals("TimeoutError", error.get("ename").asText());
    }

    @Test
    void writesToOutputAndLeavesInputUntouched() throws IOException {
        Path nb = notebook("value 1");
        String before = Files.readString(nb);
        Path out = dir.resolve("sub/out.ipynb");
        new NotebookRunner(new ScriptedSession(), progress)
                .run(new RunOptions(nb, out, null, false));
        assertEquals(before, Files.readString(nb));
        assertTrue(Files.exists(out));
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void badNotebookNamesTheFileAndProblem() throws IOException {
        Path broken = dir.resolve("broken.ipynb");
        Files.writeString(broken, "{\"nbformat\": 4, \"cells\": [");
        IOException e = assertThrows(IOException.class, () -> Notebook.read(broken));
        assertTrue(e.getMessage().startsWith(broken + ": not valid JSON"), e.getMessage());
        Path old = dir.resolve("old.ipynb");
        Files.writeString(old, "{\"nbformat\": 3, \"worksheets\": []}");
        e = assertThrows(IOException.class, () -> Notebook.read(old));
        assertTrue(e.getMessage().contains("'nbformat' is 3"), e.getMessage());
    }

    private RunOptions options(Path nb, boolean allowErrors) {
        return new RunOptions(nb, null, null, allowErrors);
    }

    private Path notebook(String... codeCells) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("nbformat", 4).put("nbformat_minor", 5);
        root.putObject("metadata");
        ArrayNode cells = root.putArray("cells");
        cells.addObject().put("cell_type", "markdown").put("source", "# title");
        for (String code : codeCells) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
            cell.set("source", Notebook.lines(code));
        }
        Path file = dir.resolve("nb.ipynb");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    private static String joined(JsonNode text) {
        StringBuilder out = new StringBuilder();
        if (text.isArray()) {
            text.forEach(t -> out.append(t.asText()));
        } else {
            out.append(text.asText());
        }
        return out.toString();
    }
}
