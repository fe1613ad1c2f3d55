package dev.tunebook.magics;

import dev.tunebook.finetune.source.DownloadProgress;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.MimeBundle;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a download's progress: one display updated in place (at most about four times a second) in
 * a live notebook, or a line per tenth when headless.
 *
 * <p>Instances are not thread-safe; one download reports from one thread.
 */
final class DownloadBar implements DownloadProgress {
    private static final long INTERVAL_NANOS = 250_000_000L;
    private final PrintStream lines;
    private String displayId;
    private long lastUpdate;
    private int lastTenth = -1;

    DownloadBar(PrintStream lines) {
        this.lines = lines;
    }

    @Override
    public void update(String file, long done, long total) {
        boolean finished = total > 0 && done >= total;
        if (Display.headless()) {
            int tenth = total > 0 ? (int) (10 * done / total) : 0;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                lines.println(line(file, done, total));
            }
            return;
        }
        long now = System.nanoTime();
        if (displayId != null && !finished && now - lastUpdate < INTERVAL_NANOS) {
            return;
        }
        lastUpdate = now;
        MimeBundle bundle =
                new MimeBundle().text(line(file, done, total)).html(html(file, done, total));
        if (displayId == null) {
            displayId = Display.display(bundle);
        } else {
            Display.updateDisplay(displayId, bundle);
        }
    }

    static String line(String file, long done, long total) {
        String size =
                total > 0
                        ? String.format(Locale.ROOT, "%.1f / %.1f MiB", mib(done), mib(total))
                        : String.format(Locale.ROOT, "%.1f MiB", mib(done));
        return "downloading "
                + file
                + ": "
                + size
                + (total > 0 ? " (" + percent(done, total) + "%)" : "");
    }

    private static String html(String file, long done, long total) {
        String bar =
                total > 0
                        ? "<progress max=\"100\" value=\""
                                + percent(done, total)
                                + "\"></progress> "
                        : "";
        return "<div>" + bar + line(file, done, total).replace("<", "&lt;") + "</div>";
    }

    private static long percent(long done, long total) {
        return Math.min(100, 100 * done / total);
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
