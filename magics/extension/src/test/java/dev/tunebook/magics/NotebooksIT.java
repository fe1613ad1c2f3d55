package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.RendererRegistry;
import dev.tunebook.kernel.jshell.JShellSession;
import dev.tunebook.kernel.notebook.NotebookRunner;
import dev.tunebook.kernel.notebook.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every notebook in {@code notebooks/} top to bottom with the headless runner, in a session
 * that loads the extensions as the kernel does, and fails on the first failing cell (naming it and
 * its error). The notebooks folder is copied first, so runs land in a scratch folder; the executed
 * notebooks are written to {@code target/executed-notebooks}. Each notebook's wall time is printed.
 */
class NotebooksIT {
    /** Where the executed notebooks (with their outputs) are kept for inspection. */
    static final Path EXECUTED = Path.of("target", "executed-notebooks");

    @TempDir static Path scratch;

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsTopToBottom() throws IOException {
        Path source = Path.of(System.getProperty("tunebook.root", "../..")).resolve("notebooks");
        assertTrue(Files.isDirectory(source), "no notebooks folder at " + source.toAbsolutePath());
        Path copy = scratch.resolve("notebooks");
        copyTree(source, copy);
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(copy)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + source);
        return notebooks.stream()
                .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb)));
    }

    private static void run(Path notebook) throws IOException {
        Path executed = EXECUTED.resolve(notebook.getFileName());
        Files.createDirectories(EXECUTED);
        System.out.println("TUNEBOOK_QUICK=" + System.getenv("TUNEBOOK_QUICK"));
        long start = System.nanoTime();
        boolean ok;
        try (JShellSession session =
                JShellSession.builder()
                        .optRenderers(new RendererRegistry())
                        .optWorkingDirectory(notebook.getParent())
                        .build()) {
            ok =
                    new NotebookRunner(session, System.out)
                            .run(new RunOptions(notebook, executed, null, false));
        } finally {
            Display.install(null, new RendererRegistry());
        }
        System.out.printf(
                Locale.ROOT,
                "%s ran in %.1f s%n",
                notebook.getFileName(),
                (System.nanoTime() - start) / 1e9);
        assertTrue(ok, () -> notebook.getFileName() + ": " + firstError(executed));
    }

    /** Returns the first failing cell's source and error, from the executed notebook. */
    private static String firstError(Path executed) {
        try {
            JsonNode cells = new ObjectMapper().readTree(executed.toFile()).get("cells");
            for (JsonNode cell : cells) {
                for (JsonNode output : cell.path("outputs")) {
                    if ("error".equals(output.path("output_type").asText())) {
                        return "cell "
                                + cell.path("id").asText()
                                + " failed:\n"
                                + String.join("", texts(cell.get("source")))
                                + "\n"
                                + String.join("\n", texts(output.get("traceback")));
                    }
                }
            }
            return "no error output found in " + executed;
        } catch (IOException e) {
            return "cannot read " + executed + ": " + e;
        }
    }

    private static List<String> texts(JsonNode array) {
        return array == null
                ? List.of()
                : Stream.of(array)
                        .flatMap(a -> a.isArray() ? stream(a) : Stream.of(a.asText()))
                        .toList();
    }

    private static Stream<String> stream(JsonNode array) {
        Stream.Builder<String> items = Stream.builder();
        array.forEach(item -> items.add(item.asText()));
        return items.build();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    if (!p.getFileName().toString().equals(".tunebook")) {
                        Files.createDirectories(target);
                    }
                } else if (!p.toString().contains("/.tunebook/")) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
