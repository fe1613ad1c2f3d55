package dev.tunebook.finetune.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks that a checkpoint belongs to a run with the same settings before it is resumed. */
final class PretrainingResume {
    private PretrainingResume() {}

    /**
     * Throws when the checkpoint in {@code dir} was written with settings that change what is
     * learned (all but the logging, validation and checkpoint cadence).
     *
     * @throws IllegalArgumentException naming each differing setting with both values
     */
    static void check(Path dir, CheckpointState state, PretrainingSettings settings) {
        Map<String, String> saved = state.config();
        List<String> differences = new ArrayList<>();
        settings.toOptions()
                .forEach(
                        (key, value) -> {
                            String before = saved == null ? null : saved.get(key);
                            if (!PretrainingSettings.CADENCE.contains(key)
                                    && !value.equals(before)) {
                                differences.add(key + " " + before + " -> " + value);
                            }
                        });
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(
                    dir
                            + " is a checkpoint of a run with other settings ("
                            + String.join(", ", differences)
                            + "); use another checkpoint folder, or the same settings to resume");
        }
    }
}
