package dev.tunebook.kernel.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.kernel.DisplaySink;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.jshell.CellError;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects outputs into the notebook's cells in nbformat 4: streams (consecutive writes to the same
 * stream merged into one output), displays, results and errors. An update to a display id replaces
 * the earlier output in place, even in an earlier cell; {@code clearOutput} empties the current
 * cell (with {@code wait}, when the next output arrives).
 *
 * <p>Thread-safe: cells may print and display from background threads.
 */
final class CellOutputs implements DisplaySink {
    private final Map<String, ObjectNode> displays = new HashMap<>();
    private ArrayNode current = Notebook.JSON.createArrayNode();
    private boolean clearPending;
    private volatile Consumer<String> progress = line -> {};

    /** Sends the progress lines of long work to {@code listener} (the runner's terminal). */
    void onProgress(Consumer<String> listener) {
        progress = listener;
    }

    @Override
    public void progress(String line) {
        progress.accept(line);
    }

    /** Makes {@code outputs} the list new outputs go to. */
    synchronized void begin(ArrayNode outputs) {
        current = outputs;
        clearPending = false;
    }

    /** Appends stream text, merging it into the last output when that is the same stream. */
    synchronized void stream(String name, String text) {
        beforeOutput();
        JsonNode last = current.isEmpty() ? null : current.get(current.size() - 1);
        if (last != null
                && "stream".equals(last.path("output_type").asText())
                && name.equals(last.path("name").asText())) {
            String merged = joined(last.path("text")) + text;
            ((ObjectNode) last).set("text", Notebook.lines(merged));
            return;
        }
        ObjectNode output = current.addObject();
        output.put("output_type", "stream").put("name", name);
        output.set("text", Notebook.lines(text));
    }

    /** Appends the result of the cell's trailing expression. */
    synchronized void result(MimeBundle bundle, int executionCount) {
        beforeOutput();
        ObjectNode output = current.addObject();
        output.put("output_type", "execute_result");
        output.set("data", data(bundle));
        output.set("metadata", Notebook.JSON.valueToTree(bundle.metadata()));
        output.put("execution_count", executionCount);
    }

    /** Appends an error. */
    synchronized void error(CellError error) {
        beforeOutput();
        ObjectNode output = current.addObject();
        output.put("output_type", "error")
                .put("ename", error.ename())
                .put("evalue", error.evalue());
        ArrayNode traceback = output.putArray("traceback");
        error.traceback().forEach(traceback::add);
    }

    @Override
    public synchronized void display(MimeBundle bundle, String displayId) {
        beforeOutput();
        ObjectNode output = current.addObject();
        fill(output, bundle);
        if (displayId != null) {
            displays.put(displayId, output);
        }
    }

    @Override
    public synchronized void update(MimeBundle bundle, String displayId) {
        ObjectNode output = displays.get(displayId);
        if (output != null) {
            fill(output, bundle);
        }
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        if (wait) {
            clearPending = true;
        } else {
            current.removeAll();
        }
    }

    @Override
    public boolean headless() {
        return true;
    }

    private void beforeOutput() {
        if (clearPending) {
            current.removeAll();
            clearPending = false;
        }
    }

    private static void fill(ObjectNode output, MimeBundle bundle) {
        output.removeAll();
        output.put("output_type", "display_data");
        output.set("data", data(bundle));
        output.set("metadata", Notebook.JSON.valueToTree(bundle.metadata()));
    }

    private static ObjectNode data(MimeBundle bundle) {
        ObjectNode data = Notebook.JSON.createObjectNode();
        bundle.data()
                .forEach(
                        (mime, value) -> {
                            if (value instanceof String text && isText(mime)) {
                                data.set(mime, Notebook.lines(text));
                            } else {
                                data.set(mime, Notebook.JSON.valueToTree(value));
                            }
                        });
        return data;
    }

    private static boolean isText(String mime) {
        return mime.startsWith("text/") || mime.equals("image/svg+xml");
    }

    private static String joined(JsonNode text) {
        if (!text.isArray()) {
            return text.asText("");
        }
        StringBuilder out = new StringBuilder();
        text.forEach(line -> out.append(line.asText()));
        return out.toString();
    }
}
