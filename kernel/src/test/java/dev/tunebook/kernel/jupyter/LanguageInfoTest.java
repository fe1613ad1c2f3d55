package dev.tunebook.kernel.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notebooks shipped in {@code notebooks/} store the metadata the kernel reports, so that
 * Jupyter does not mark them modified when they are opened.
 */
class LanguageInfoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHIPPED = Path.of("..", "notebooks");

    @Test
    void kernelInfoReportsIJavasLanguageInfo() {
        Map<String, Object> info = LanguageInfo.current();
        assertEquals(info, KernelInfo.content().get("language_info"));
        assertEquals(
                Map.of(
                        "name", "java",
                        "version", System.getProperty("java.version"),
                        "mimetype", "text/x-java-source",
                        "file_extension", ".jshell",
                        "pygments_lexer", "java",
                        "codemirror_mode", "java"),
                info);
    }

    @Test
    void shippedNotebooksStoreWhatTheKernelReports() throws IOException {
        List<Path> notebooks = shippedNotebooks();
        assertFalse(notebooks.isEmpty(), "no notebooks under " + SHIPPED.toAbsolutePath());
        for (Path notebook : notebooks) {
            JsonNode metadata = JSON.readTree(notebook.toFile()).path("metadata");
            Map<String, Object> stored = asMap(metadata.path("language_info"));
            Map<String, Object> reported = LanguageInfo.current();
            // The version is that of the Java the notebook last ran on; every other field must
            // be equal whatever the Java.
            Runtime.Version.parse(String.valueOf(stored.get("version")));
            reported.put("version", stored.get("version"));
            assertEquals(reported, stored, notebook + ": metadata.language_info");
            assertEquals(
                    Map.of(
                            "name",
                            "tunebook",
                            "display_name",
                            "Java (tunebook)",
                            "language",
                            "java"),
                    asMap(metadata.path("kernelspec")),
                    notebook + ": metadata.kernelspec");
        }
    }

    private static List<Path> shippedNotebooks() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            return files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }
}
