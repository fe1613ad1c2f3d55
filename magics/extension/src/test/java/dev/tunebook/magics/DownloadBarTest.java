package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.DisplaySink;
import dev.tunebook.kernel.MimeBundle;
import dev.tunebook.kernel.RendererRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The download progress of {@code %model load}: one live display, or lines when headless. */
class DownloadBarTest {
    private final List<String> events = new ArrayList<>();

    @AfterEach
    void uninstall() {
        Display.install(null, new RendererRegistry());
    }

    private void install(boolean headless) {
        Display.install(
                new DisplaySink() {
                    @Override
                    public void display(MimeBundle bundle, String displayId) {
                        events.add("display " + bundle.get("text/html"));
                    }

                    @Override
                    public void update(MimeBundle bundle, String displayId) {
                        events.add("update " + bundle.plainText());
                    }

                    @Override
                    public void clearOutput(boolean wait) {}

                    @Override
                    public boolean headless() {
                        return headless;
                    }
                },
                new RendererRegistry());
    }

    @Test
    void liveNotebookGetsOneDisplayUpdatedInPlaceEndingComplete() {
        install(false);
        DownloadBar bar = new DownloadBar(System.out);
        long total = 4L << 20;
        for (long done = 0; done <= total; done += 1 << 16) {
            bar.update("model.safetensors", done, total);
        }
        assertTrue(events.get(0).startsWith("display <div><progress max=\"100\" value=\"0\">"));
        assertEquals(1, events.stream().filter(e -> e.startsWith("display")).count());
        assertEquals(
                "update downloading model.safetensors: 4.0 / 4.0 MiB (100%)",
                events.get(events.size() - 1));
    }

    @Test
    void headlessRunPrintsALinePerTenth() {
        install(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DownloadBar bar = new DownloadBar(new PrintStream(out, true, StandardCharsets.UTF_8));
        for (long done = 0; done <= 1000; done += 5) {
            bar.update("config.json", done, 1000);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(11, lines.length);
        assertTrue(lines[10].endsWith("(100%)"), lines[10]);
        assertTrue(events.isEmpty());
    }
}
