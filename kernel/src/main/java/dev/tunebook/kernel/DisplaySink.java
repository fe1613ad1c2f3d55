package dev.tunebook.kernel;

/**
 * Where {@link Display} sends outputs: the Jupyter connection in the kernel, the notebook being
 * written in the headless runner, or a list in tests. Installed by the kernel with {@link
 * Display#install}.
 */
public interface DisplaySink {
    /** Publishes a new output; {@code displayId} may be null when it can never be updated. */
    void display(MimeBundle bundle, String displayId);

    /** Replaces the output previously published under {@code displayId}. */
    void update(MimeBundle bundle, String displayId);

    /** Clears the cell's output; with {@code wait}, only when the next output arrives. */
    void clearOutput(boolean wait);

    /** Returns true when nobody watches live (headless runner): show progress as lines. */
    default boolean headless() {
        return false;
    }

    /**
     * Takes one line of progress from long work (a training step). The headless runner prints it on
     * its terminal; a kernel ignores it, since its front end shows the live display.
     */
    default void progress(String line) {}
}
