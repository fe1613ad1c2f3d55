package dev.tunebook.kernel.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.kernel.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An nbformat 4 notebook as a JSON tree: its code cells, and atomic writing (temporary file in the
 * target's directory, then rename), so a failed run never leaves half a notebook behind.
 *
 * <p>Instances are not thread-safe.
 */
public final class Notebook {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path source;
    private final ObjectNode root;

    private Notebook(Path source, ObjectNode root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Reads {@code file}; throws {@link IOException} naming the file and what is wrong when it is
     * not JSON or not an nbformat 4 notebook.
     */
    public static Notebook read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(
                    file
                            + ": not valid JSON: "
                            + e.getOriginalMessage()
                            + " (line "
                            + e.getLocation().getLineNr()
                            + ", column "
                            + e.getLocation().getColumnNr()
                            + ")",
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": not a notebook (the top level is not a JSON object)");
        }
        if (root.path("nbformat").asInt() != 4) {
            throw new IOException(
                    file
                            + ": field 'nbformat' is "
                            + root.path("nbformat")
                            + ", only nbformat 4 notebooks can be run");
        }
        if (!root.path("cells").isArray()) {
            throw new IOException(file + ": field 'cells' is missing or not an array");
        }
        return new Notebook(file, (ObjectNode) root);
    }

    /** Returns the file the notebook was read from. */
    public Path source() {
        return source;
    }

    /**
     * Sets {@code metadata.language_info} to {@code info}, as Jupyter does when a kernel starts, so
     * a notebook written by the runner opens unmodified in Jupyter on the same Java.
     */
    public void setLanguageInfo(Map<String, Object> info) {
        ObjectNode metadata =
                root.get("metadata") instanceof ObjectNode existing
                        ? existing
                        : root.putObject("metadata");
        metadata.set("language_info", JSON.valueToTree(info));
    }

    /** Returns every cell, in order. */
    public List<ObjectNode> cells() {
        List<ObjectNode> cells = new ArrayList<>();
        root.withArray("cells").forEach(c -> cells.add((ObjectNode) c));
        return cells;
    }

    /** Returns the code cells, in order. */
    public List<ObjectNode> codeCells() {
        return cells().stream().filter(c -> "code".equals(c.path("cell_type").asText())).toList();
    }

    /** Returns a cell's source as one string (nbformat allows a string or a list of lines). */
    public static String source(ObjectNode cell) {
        JsonNode source = cell.path("source");
        if (source.isArray()) {
            StringBuilder text = new StringBuilder();
            source.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return source.asText("");
    }

    /** Returns {@code text} split after each newline, as nbformat stores multi-line strings. */
    static ArrayNode lines(String text) {
        ArrayNode lines = JSON.createArrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Writes the notebook to {@code target} atomically (one-space indent, as Jupyter does). */
    public void write(Path target) throws IOException {
        DefaultPrettyPrinter printer =
                new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter(" ", "\n"));
        AtomicFile.writeString(target, JSON.writer(printer).writeValueAsString(root) + "\n");
    }
}
