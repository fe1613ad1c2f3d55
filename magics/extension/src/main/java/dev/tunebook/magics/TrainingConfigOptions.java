package dev.tunebook.magics;

import dev.tunebook.finetune.train.TrainingConfig;
import java.util.List;
import java.util.Map;

/**
 * Maps the training options of {@code %%finetune} and {@code %rerun} (canonical keys, as {@link
 * TrainingOptionText} returns them, to text) to {@link TrainingConfig.Builder} calls. A value that
 * is not a number, or that the builder refuses, is an {@link IllegalArgumentException} naming the
 * option and what it allows; an unknown option lists the known ones.
 */
final class TrainingConfigOptions {
    /** The training options, in the order {@link TrainingConfig#toOptions} writes them. */
    static final List<String> NAMES = TrainingConfig.OPTION_NAMES;

    private TrainingConfigOptions() {}

    /** Returns the config {@code options} describe on top of the defaults. */
    static TrainingConfig config(Map<String, String> options) {
        return apply(TrainingConfig.builder(), options).build();
    }

    /** Sets each of {@code options} on {@code b}, in order, and returns {@code b}. */
    static TrainingConfig.Builder apply(TrainingConfig.Builder b, Map<String, String> options) {
        return TrainingConfig.applyOptions(b, options);
    }
}
