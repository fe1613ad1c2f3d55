package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.data.Example;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.train.TrainingData;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.DisplaySink;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.JShellSession;
import dev.tunebook.kernel.notebook.NotebookRunner;
import dev.tunebook.kernel.notebook.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training cell shows how its run ended once, in text/plain and in HTML: in the notebook the
 * headless runner writes (printed steps, then the run as the cell's result) and in a front end (the
 * live display; nothing printed besides).
 */
class TrainingOutcomeOnceTest {
    private static final String ENDED = "completed 4 steps";
    private static final Path FIXTURES =
            Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));

    @TempDir Path dir;

    @AfterEach
    void uninstall() {
        Display.install(null, new RendererRegistry());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String joined(JsonNode value) {
        if (value.isArray()) {
            StringBuilder text = new StringBuilder();
            value.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return value.asText();
    }

    @Test
    void theNotebookTheRunnerWritesShowsItOnce() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String setUp =
                "var model = dev.tunebook.finetune.model.LanguageModel.load("
                        + "java.nio.file.Path.of(\""
                        + FIXTURES.resolve("models/tiny-bert").toAbsolutePath()
                        + "\"), ai.djl.Device.cpu());\n"
                        + "var rows = new java.util.ArrayList<dev.tunebook.finetune.data.Example>();\n"
                        + "for (int i = 0; i < 16; i++) rows.add(dev.tunebook.finetune.data.Example"
                        + ".classification(new int[] {2, 10 + i % 5, 20 + i % 3, 3}, i % 2));\n"
                        + "var dataset = dev.tunebook.finetune.train.TrainingData.of(java.util.Map"
                        + ".of(\"train\", rows, \"val\", rows.subList(0, 4)),"
                        + " java.util.List.of(\"a\", \"b\"));";
        ObjectNode notebook = json.createObjectNode();
        notebook.put("nbformat", 4).put("nbformat_minor", 5);
        notebook.putObject("metadata");
        ArrayNode cells = notebook.putArray("cells");
        for (String source :
                List.of(setUp, "%%finetune --method head --epochs 1 --batch 4 --name once")) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").put("source", source).putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
        }
        Path file = dir.resolve("once.ipynb");
        Path executed = dir.resolve("once.out.ipynb");
        json.writeValue(file.toFile(), notebook);
        boolean ok;
        try (JShellSession session =
                JShellSession.builder()
                        .optRenderers(new RendererRegistry())
                        .optWorkingDirectory(dir)
                        .build()) {
            ok =
                    new NotebookRunner(session, new PrintStream(new ByteArrayOutputStream()))
                            .run(new RunOptions(file, executed, null, false));
        }
        JsonNode outputs = json.readTree(executed.toFile()).get("cells").get(1).get("outputs");
        assertTrue(ok, outputs.toString());
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (JsonNode output : outputs) {
            if (output.has("text")) {
                plain.append(joined(output.get("text")));
            }
            JsonNode data = output.path("data");
            if (data.has("text/plain")) {
                plain.append(joined(data.get("text/plain")));
            }
            if (data.has("text/html")) {
                html.append(joined(data.get("text/html")));
            }
        }
        assertTrue(plain.toString().contains("step 4/4 loss "), plain.toString());
        assertEquals(1, count(plain.toString(), ENDED), plain.toString());
        assertEquals(1, count(html.toString(), ENDED), html.toString());
    }

    /** Keeps the last bundle shown, as a front end does with a display updated in place. */
    private static final class FrontEnd implements DisplaySink {
        MimeBundle shown;

        @Override
        public void display(MimeBundle bundle, String displayId) {
            shown = bundle;
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            shown = bundle;
        }

        @Override
        public void clearOutput(boolean wait) {}
    }

    @Test
    void aFrontEndShowsItOnceInTheLiveDisplay() throws Exception {
        FrontEnd frontEnd = new FrontEnd();
        Display.install(frontEnd, new RendererRegistry());
        List<Example> rows = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            rows.add(Example.classification(new int[] {2, 10 + i % 5, 20 + i % 3, 3}, i % 2));
        }
        Notebook notebook = new Notebook(dir);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (LanguageModel model =
                LanguageModel.load(FIXTURES.resolve("models/tiny-bert"), Device.cpu())) {
            notebook.variables.put("model", model);
            notebook.variables.put(
                    "dataset",
                    TrainingData.of(
                            Map.of("train", rows, "val", rows.subList(0, 4)), List.of("a", "b")));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Object result;
            try {
                result =
                        new FinetuneMagic().run("--method head --epochs 1 --batch 4", "", notebook);
            } finally {
                System.setOut(stdout);
            }
            assertNull(result, "the live display is the cell's result");
        }
        String text = printed.toString(StandardCharsets.UTF_8) + frontEnd.shown.plainText();
        assertEquals(1, count(text, ENDED), text);
        assertEquals(1, count((String) frontEnd.shown.get("text/html"), ENDED));
    }
}
