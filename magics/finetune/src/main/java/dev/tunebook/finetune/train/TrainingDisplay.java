package dev.tunebook.finetune.train;

import java.util.Optional;

/**
 * How a host shows the training runs of its {@link Trainer}s, registered as a service in {@code
 * META-INF/services/dev.tunebook.finetune.train.TrainingDisplay}: the tunebook kernel shows a run
 * in one display updated in place when a notebook front end watches, and repeats the printed
 * progress lines on the terminal of its headless runner. Without a host a run prints progress lines
 * only.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TrainingDisplay {
    /** Returns true when someone watches runs as they go (a notebook front end). */
    boolean live();

    /** Returns a listener that shows one run live. */
    TrainingListener open();

    /** Reports a progress line besides the printed output, or does nothing. */
    void progress(String line);

    /**
     * Returns the host's display: the first registered service visible to the library's class
     * loader. Looked up once.
     */
    static Optional<TrainingDisplay> host() {
        return TrainingDisplayHost.DISPLAY;
    }
}
