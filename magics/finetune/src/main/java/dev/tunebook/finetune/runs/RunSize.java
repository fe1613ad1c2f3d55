package dev.tunebook.finetune.runs;

/**
 * How much a run trained: tokens processed and parameter counts. Every field may be {@code null}
 * (left out of the JSON).
 *
 * @param trainTokens tokens processed in training (input to the FLOP model of the cost estimate)
 * @param trainableParams the trainable parameter count
 * @param totalParams the total parameter count
 */
public record RunSize(Long trainTokens, Long trainableParams, Long totalParams) {
    /** Sizes with nothing known yet. */
    public static final RunSize NONE = new RunSize(null, null, null);
}
