package dev.tunebook.finetune.train;

import dev.tunebook.finetune.lora.LoraConfig;
import java.util.List;

/**
 * The LoRA shape a training config asks for, as a {@link LoraConfig} of rank, alpha, dropout and
 * target modules (none: the model family's usual ones). Checked with the training options' names
 * ({@code rank}, {@code alpha}, {@code dropout}, {@code targets}); the task type, the modules saved
 * in full and the base model are the task's to decide.
 */
final class TrainingLora {
    /** Rank 8, alpha 16, no dropout, the family's default targets. */
    static final LoraConfig DEFAULTS = of(8, 16.0, 0.0, List.of());

    private TrainingLora() {}

    static LoraConfig of(int rank, double alpha, double dropout, List<String> targets) {
        ConfigChecks.positive("rank", rank);
        ConfigChecks.positive("alpha", alpha);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout: must be in [0, 1), was " + dropout);
        }
        if (targets.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("targets: empty module name in " + targets);
        }
        LoraConfig.Builder b = LoraConfig.builder().setRank(rank).optAlpha(alpha);
        if (!targets.isEmpty()) {
            b.setTargetModules(targets);
        }
        return b.optDropout(dropout).build();
    }

    /**
     * Returns {@code config}'s rank, alpha, dropout and target modules, checked.
     *
     * @throws IllegalArgumentException for targets written as a pattern, which options cannot hold
     */
    static LoraConfig of(LoraConfig config) {
        if (config.targetPattern().isPresent()) {
            throw new IllegalArgumentException(
                    "targets: a pattern ("
                            + config.targetPattern().get()
                            + ") cannot be trained from a TrainingConfig; expected module names");
        }
        return of(config.rank(), config.alpha(), config.dropout(), config.targetModules());
    }

    static LoraConfig withRank(LoraConfig c, int rank) {
        return of(rank, c.alpha(), c.dropout(), c.targetModules());
    }

    static LoraConfig withAlpha(LoraConfig c, double alpha) {
        return of(c.rank(), alpha, c.dropout(), c.targetModules());
    }

    static LoraConfig withDropout(LoraConfig c, double dropout) {
        return of(c.rank(), c.alpha(), dropout, c.targetModules());
    }

    static LoraConfig withTargets(LoraConfig c, List<String> targets) {
        return of(c.rank(), c.alpha(), c.dropout(), List.copyOf(targets));
    }
}
