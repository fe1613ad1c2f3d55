package dev.tunebook.kernel.jupyter;

import dev.tunebook.kernel.DisplaySink;
import dev.tunebook.kernel.MimeBundle;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes a cell's outputs to IOPub under the request being served: {@code System.out} and {@code
 * System.err} (from any thread) as {@code stream} messages, and the display API as {@code
 * display_data}, {@code update_display_data} and {@code clear_output}. Output that arrives between
 * cells (from background threads) goes to the most recent request, as in IPython.
 *
 * <p>Thread-safe.
 */
final class OutputRouter implements DisplaySink {
    private final KernelConnection connection;
    private final StreamPublisher stdout;
    private final StreamPublisher stderr;
    private volatile CellContext current;

    OutputRouter(KernelConnection connection) {
        this.connection = connection;
        this.stdout = new StreamPublisher("stdout", this);
        this.stderr = new StreamPublisher("stderr", this);
    }

    /** Replaces {@code System.out} and {@code System.err} with streams that publish here. */
    void installStandardStreams() {
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    /** Makes {@code context} the parent of every output from now on. */
    void begin(CellContext context) {
        flush();
        current = context;
    }

    /** Returns the request being served, or null before the first one. */
    CellContext current() {
        return current;
    }

    /** Publishes whatever the standard streams buffered. */
    void flush() {
        System.out.flush();
        System.err.flush();
        stdout.flush();
        stderr.flush();
    }

    /** Publishes {@code content} under the current request unless it is silent. */
    void publish(String type, Map<String, Object> content) {
        CellContext context = current;
        if (context != null && !context.silent()) {
            connection.publish(context.request(), type, content);
        }
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        flush();
        publish("display_data", displayContent(bundle, displayId));
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        flush();
        publish("update_display_data", displayContent(bundle, displayId));
    }

    @Override
    public void clearOutput(boolean wait) {
        flush();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("wait", wait);
        publish("clear_output", content);
    }

    private static Map<String, Object> displayContent(MimeBundle bundle, String displayId) {
        Map<String, Object> content = WireJson.bundle(bundle);
        Map<String, Object> transientData = new LinkedHashMap<>();
        if (displayId != null) {
            transientData.put("display_id", displayId);
        }
        content.put("transient", transientData);
        return content;
    }
}
