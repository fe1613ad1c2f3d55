package dev.tunebook.finetune.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Where a run stood when a checkpoint was written: everything besides the parameters and the
 * optimizer state that resuming needs. The random state is the pair (seed, step): before every step
 * the engine's generator is seeded from the run's seed and the step index, so dropout at a step
 * does not depend on what ran before it.
 *
 * @param step optimizer steps completed
 * @param dataSeed the seed of the data order's shuffles
 * @param dataEpoch the data order's epoch
 * @param dataPosition examples of that epoch already handed out
 * @param seed the run's seed (the random state, with {@code step})
 * @param examplesSeen training examples consumed
 * @param tokensSeen training tokens consumed
 * @param trainSeconds seconds spent training so far
 * @param bestMetric the best value of the selection metric so far, or null
 * @param bestStep the step of the best checkpoint, or 0
 * @param evalsWithoutImprovement evaluations since the best one (for early stopping)
 * @param config the run's options ({@link TrainingConfig#toOptions})
 */
public record CheckpointState(
        @JsonProperty("step") int step,
        @JsonProperty("data_seed") long dataSeed,
        @JsonProperty("data_epoch") int dataEpoch,
        @JsonProperty("data_position") int dataPosition,
        @JsonProperty("seed") long seed,
        @JsonProperty("examples_seen") long examplesSeen,
        @JsonProperty("tokens_seen") long tokensSeen,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("best_metric") Double bestMetric,
        @JsonProperty("best_step") int bestStep,
        @JsonProperty("evals_without_improvement") int evalsWithoutImprovement,
        @JsonProperty("config") Map<String, String> config) {}
