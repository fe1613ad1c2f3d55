package dev.tunebook.kernel.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.JShellSession;
import dev.tunebook.kernel.magic.MavenSettingsFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tunebook run} keeps what a notebook front end shows in its pager ({@code %help NAME},
 * {@code NAME?}) as a cell output, as JupyterLab does, instead of dropping it; with a real JShell
 * session.
 */
class NotebookRunnerHelpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path work;

    @Test
    void helpTextIsWrittenIntoTheNotebook() throws Exception {
        Path nb = notebook("%help time", "int x = 3;\nx");
        try (JShellSession session =
                JShellSession.builder()
                        .optWorkingDirectory(work)
                        .optMavenLocalRepository(work.resolve("m2"))
                        .optMavenSettings(
                                new MavenSettingsFiles(
                                        work.resolve("settings.xml"),
                                        null,
                                        work.resolve("settings-security.xml")))
                        .optRenderers(new RendererRegistry())
                        .build()) {
            PrintStream progress =
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertTrue(
                    new NotebookRunner(session, progress)
                            .run(new RunOptions(nb, null, null, false)));
        }
        JsonNode cells = JSON.readTree(nb.toFile()).get("cells");
        JsonNode help = cells.get(0).get("outputs");
        assertEquals(1, help.size(), help.toString());
        assertEquals("display_data", help.get(0).get("output_type").asText());
        String text = joined(help.get(0).get("data").get("text/plain"));
        assertTrue(text.startsWith("%time\n\n%time"), text);
        JsonNode value = cells.get(1).get("outputs");
        assertEquals(1, value.size(), "a cell without help gets no extra output: " + value);
        assertEquals("execute_result", value.get(0).get("output_type").asText());
    }

    private Path notebook(String... codeCells) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("nbformat", 4).put("nbformat_minor", 5);
        root.putObject("metadata");
        ArrayNode cells = root.putArray("cells");
        for (String code : codeCells) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
            cell.set("source", Notebook.lines(code));
        }
        Path file = work.resolve("nb.ipynb");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    private static String joined(JsonNode text) {
        StringBuilder out = new StringBuilder();
        text.forEach(t -> out.append(t.asText()));
        return text.isArray() ? out.toString() : text.asText();
    }
}
