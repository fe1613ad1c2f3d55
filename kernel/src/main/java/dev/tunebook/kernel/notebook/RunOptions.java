package dev.tunebook.kernel.notebook;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code tunebook run} was asked: the notebook, where to write the executed copy (the input
 * itself when null), the per-cell time limit (none when null), and whether to go on after a failing
 * cell.
 */
public record RunOptions(Path notebook, Path output, Duration timeout, boolean allowErrors) {
    /** Returns where the executed notebook is written. */
    public Path target() {
        return output == null ? notebook : output;
    }
}
