package dev.tunebook.finetune.runs;

/**
 * One line of a {@link RunComparison}.
 *
 * @param section {@code configuration} or {@code results}
 * @param key the dotted field name, e.g. {@code hyperparameters.lr} or {@code
 *     metrics.test.accuracy}
 * @param left the value in the first run (empty if absent)
 * @param right the value in the second run (empty if absent)
 */
public record ComparisonRow(String section, String key, String left, String right) {
    /** Returns whether the two runs differ here. */
    public boolean differs() {
        return !left.equals(right);
    }
}
