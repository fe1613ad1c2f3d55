package dev.tunebook.finetune.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One logged training step. Every field but {@code step} may be {@code null} (left out of the JSON)
 * when the trainer does not log it.
 *
 * @param step the optimizer step, counting from 1
 * @param epoch the fractional epoch at this step
 * @param loss the training loss (mean over the step's batch)
 * @param lr the learning rate used for this step
 * @param metrics other figures logged at this step by name (e.g. {@code val_accuracy})
 * @param examplesSeen training examples consumed so far
 * @param seconds wall-clock seconds since training started
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStep(
        @JsonProperty("step") long step,
        @JsonProperty("epoch") Double epoch,
        @JsonProperty("loss") Double loss,
        @JsonProperty("lr") Double lr,
        @JsonProperty("metrics") Map<String, Double> metrics,
        @JsonProperty("examples_seen") Long examplesSeen,
        @JsonProperty("seconds") Double seconds) {

    /** Creates a step holding only a loss. */
    public static RunStep ofLoss(long step, double loss) {
        return new RunStep(step, null, loss, null, null, null, null);
    }

    /**
     * Returns the named quantity at this step: {@code loss}, {@code lr}, {@code epoch}, {@code
     * examples_seen}, {@code seconds}, or a key of {@link #metrics()}; {@code null} if absent.
     */
    public Double value(String name) {
        return switch (name) {
            case "loss" -> loss;
            case "lr" -> lr;
            case "epoch" -> epoch;
            case "seconds" -> seconds;
            case "examples_seen" -> examplesSeen == null ? null : examplesSeen.doubleValue();
            default -> metrics == null ? null : metrics.get(name);
        };
    }
}
