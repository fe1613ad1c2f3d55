package dev.tunebook.finetune.train;

import java.util.Optional;
import java.util.ServiceLoader;

/** Holds the host's {@link TrainingDisplay}, looked up on first use. */
final class TrainingDisplayHost {
    static final Optional<TrainingDisplay> DISPLAY =
            ServiceLoader.load(TrainingDisplay.class, TrainingDisplay.class.getClassLoader())
                    .findFirst();

    private TrainingDisplayHost() {}
}
