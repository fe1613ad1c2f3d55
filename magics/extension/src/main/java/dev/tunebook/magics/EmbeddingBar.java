package dev.tunebook.magics;

import dev.tunebook.finetune.retrieval.IndexProgress;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.MimeBundle;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows how many texts an encoder has embedded: one display updated in place (at most about four
 * times a second) in a live notebook, or a line per tenth when headless, as {@link DownloadBar}
 * does for downloads.
 *
 * <p>Instances are not thread-safe; one embedding reports from one thread.
 */
final class EmbeddingBar implements IndexProgress {
    private static final long INTERVAL_NANOS = 250_000_000L;
    private final PrintStream lines;
    private final String what;
    private final long start = System.nanoTime();
    private String displayId;
    private long lastUpdate;
    private int lastTenth = -1;

    /** Creates a bar whose lines start with {@code what} ({@code "embedding 2000 passages"}). */
    EmbeddingBar(PrintStream lines, String what) {
        this.lines = lines;
        this.what = what;
    }

    @Override
    public void update(int done, int total) {
        boolean finished = done >= total;
        if (Display.headless()) {
            int tenth = total > 0 ? (int) (10L * done / total) : 10;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                lines.println(line(done, total));
            }
            return;
        }
        long now = System.nanoTime();
        if (displayId != null && !finished && now - lastUpdate < INTERVAL_NANOS) {
            return;
        }
        lastUpdate = now;
        String html =
                "<div><progress max=\""
                        + Math.max(total, 1)
                        + "\" value=\""
                        + done
                        + "\"></progress> "
                        + line(done, total).replace("<", "&lt;")
                        + "</div>";
        MimeBundle bundle = new MimeBundle().text(line(done, total)).html(html);
        if (displayId == null) {
            displayId = Display.display(bundle);
        } else {
            Display.updateDisplay(displayId, bundle);
        }
    }

    String line(int done, int total) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String rate =
                done > 0 && seconds > 0
                        ? String.format(Locale.ROOT, ", %.0f/s", done / seconds)
                        : "";
        return what + ": " + done + " / " + total + rate;
    }
}
