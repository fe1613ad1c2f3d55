package dev.tunebook.magics;

import dev.tunebook.finetune.eval.GenerationProgress;
import dev.tunebook.kernel.Display;
import dev.tunebook.kernel.MimeBundle;
import java.io.PrintStream;

/**
 * Shows how far a generation evaluation has got: one display updated in place after each batch in a
 * live notebook, or a line per tenth of each stage (and its last batch) when headless.
 *
 * <p>Instances are not thread-safe; one evaluation reports from one thread.
 */
final class GenerationProgressLine implements GenerationProgress {
    private final PrintStream lines;
    private String displayId;
    private String lastLine;

    GenerationProgressLine(PrintStream lines) {
        this.lines = lines;
    }

    @Override
    public void batchDone(String stage, int done, int total) {
        String line = line(stage, done, total);
        if (Display.headless()) {
            int step = Math.max(1, total / 10);
            if (done == total || done % step == 0) {
                lines.println(line);
            }
            return;
        }
        if (line.equals(lastLine)) {
            return;
        }
        lastLine = line;
        MimeBundle bundle = new MimeBundle().text(line);
        if (displayId == null) {
            displayId = Display.display(bundle);
        } else {
            Display.updateDisplay(displayId, bundle);
        }
    }

    static String line(String stage, int done, int total) {
        return stage + ": batch " + done + " of " + total;
    }
}
