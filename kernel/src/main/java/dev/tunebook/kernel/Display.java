package dev.tunebook.kernel;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * The display API every cell can call without imports: {@code display(obj)}, {@code
 * updateDisplay(id, obj)}, {@code clearOutput()}, {@code html(...)}, {@code markdown(...)}, {@code
 * image(...)}. Values are rendered through the renderer registry.
 *
 * <p>Thread-safe: cells may display from background threads.
 */
public final class Display {
    private static volatile DisplaySink sink;
    private static volatile RendererRegistry renderers = new RendererRegistry();

    private Display() {}

    /** Installs where outputs go and how values are rendered. Called by the kernel or runner. */
    public static void install(DisplaySink newSink, RendererRegistry registry) {
        sink = newSink;
        renderers = registry;
    }

    /** Returns the renderer registry in use. */
    public static RendererRegistry renderers() {
        return renderers;
    }

    /** Returns true when outputs are not watched live (the headless runner, or no kernel). */
    public static boolean headless() {
        DisplaySink current = sink;
        return current == null || current.headless();
    }

    /**
     * Reports one line of progress from long work: printed on the terminal of {@code tunebook run},
     * ignored in a notebook front end (show a live display there). Does nothing without a sink.
     */
    public static void progress(String line) {
        DisplaySink current = sink;
        if (current != null) {
            current.progress(line);
        }
    }

    /** Displays {@code value} and returns a display id that {@link #updateDisplay} accepts. */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        currentSink().display(render(value), id);
        return id;
    }

    /** Replaces the output shown under {@code displayId} with {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        currentSink().update(render(value), displayId);
    }

    /** Clears the current cell's output now. */
    public static void clearOutput() {
        currentSink().clearOutput(false);
    }

    /** Clears the current cell's output when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        currentSink().clearOutput(wait);
    }

    /** Displays HTML and returns its display id. */
    public static String html(String html) {
        return display(new MimeBundle().text(html).html(html));
    }

    /** Displays Markdown and returns its display id. */
    public static String markdown(String markdown) {
        return display(new MimeBundle().text(markdown).markdown(markdown));
    }

    /** Displays an image and returns its display id. */
    public static String image(BufferedImage image) {
        return image(toPng(image));
    }

    /** Displays PNG bytes and returns its display id. */
    public static String image(byte[] png) {
        return display(new MimeBundle().text("<image/png, " + png.length + " bytes>").png(png));
    }

    /** Returns the MIME bundle for {@code value} (a MimeBundle is passed through). */
    public static MimeBundle render(Object value) {
        return value instanceof MimeBundle bundle ? bundle : renderers.render(value);
    }

    /** Encodes an image as PNG. */
    public static byte[] toPng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DisplaySink currentSink() {
        DisplaySink current = sink;
        if (current == null) {
            throw new IllegalStateException("no display: not running inside a tunebook kernel");
        }
        return current;
    }
}
