package dev.tunebook.kernel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ctrl-C in a terminal running {@code tunebook run}: a real SIGINT to the process interrupts the
 * running cell instead of killing the JVM, and the runner writes the notebook so far and exits 130.
 */
class RunnerInterruptIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Jdk> jdks() {
        return Jdk.all();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void ctrlCStopsTheRunningCellAndKeepsTheNotebookSoFar(Jdk jdk) throws Exception {
        KernelFixture fixture = KernelFixture.get();
        Path dir = fixture.scratch("runner-interrupt-" + jdk.label());
        Path notebook = dir.resolve("spin.ipynb");
        Files.writeString(
                notebook,
                "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
                        + cell("System.out.println(\\\"first\\\");")
                        + ","
                        + cell("while (true) { Thread.onSpinWait(); }")
                        + ","
                        + cell("System.out.println(\\\"never\\\");")
                        + "]}");
        Path out = dir.resolve("out.ipynb");
        Path log = dir.resolve("run.log");
        Process process =
                new ProcessBuilder(
                                jdk.java().toString(),
                                "-cp",
                                KernelFixture.classpath(),
                                "dev.tunebook.kernel.Main",
                                "run",
                                notebook.toString(),
                                "--output",
                                out.toString())
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        try {
            awaitLine(log, "[2/3] cell 2 ...", process);
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(130, process.exitValue(), output);
        assertTrue(output.contains("interrupting the running cell"), output);
        assertTrue(output.contains("interrupted (Ctrl-C): stopping after this cell"), output);
        assertTrue(output.contains("wrote " + out), output);

        JsonNode cells = JSON.readTree(out.toFile()).get("cells");
        JsonNode text = cells.get(0).get("outputs").get(0).get("text");
        assertEquals("first\n", text.isArray() ? text.get(0).asText() : text.asText());
        assertEquals("Interrupted", cells.get(1).get("outputs").get(0).get("ename").asText());
        assertEquals(0, cells.get(2).path("outputs").size(), "the third cell must not run");
    }

    private static String cell(String source) {
        return "{\"cell_type\": \"code\", \"metadata\": {}, \"execution_count\": null,"
                + " \"outputs\": [], \"source\": [\""
                + source
                + "\"]}";
    }

    /** Waits until the runner's log shows {@code line}, the running cell's label. */
    private static void awaitLine(Path log, String line, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the runner ended early:\n" + text);
            }
            Thread.sleep(50); // polls the runner's log file; it runs in another process
        }
        throw new AssertionError("the runner never printed " + line);
    }
}
