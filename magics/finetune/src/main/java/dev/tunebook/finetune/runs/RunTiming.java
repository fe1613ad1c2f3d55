package dev.tunebook.finetune.runs;

import java.time.Instant;

/**
 * When a run ran and how fast it trained. Every field may be {@code null} (left out of the JSON).
 *
 * @param startedAt when the run started
 * @param endedAt when the run ended; {@code null} while it runs
 * @param trainSeconds wall-clock training seconds, up to the last step
 * @param examplesPerSecond training throughput
 */
public record RunTiming(
        Instant startedAt, Instant endedAt, Double trainSeconds, Double examplesPerSecond) {
    /** Timing with nothing known yet. */
    public static final RunTiming NONE = new RunTiming(null, null, null, null);
}
