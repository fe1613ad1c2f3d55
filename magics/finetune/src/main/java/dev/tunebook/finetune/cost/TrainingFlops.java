package dev.tunebook.finetune.cost;

import java.util.Locale;

/**
 * Approximate FLOPs of training and inference for a transformer of {@code N} parameters over {@code
 * T} tokens, after Kaplan et al. (2020): a forward pass costs {@code 2·N·T}, a backward pass {@code
 * 2·N·T} to propagate activation gradients plus {@code 2·P·T} for the gradients of the {@code P}
 * trainable weights.
 *
 * <ul>
 *   <li>full fine-tuning ({@code full}): {@code 6·N·T};
 *   <li>LoRA or any method training some weights inside the network ({@code lora}, and any other
 *       method not listed here): {@code 4·N·T + 2·P·T} — activation gradients flow through the
 *       frozen weights, weight gradients only for the adapters ({@code N} includes them);
 *   <li>a head on a frozen encoder ({@code head}, {@code linear-probe}, {@code frozen}): {@code
 *       2·(N−P)·T + 6·P·T} — no backward pass through the encoder;
 *   <li>no training ({@code zero-shot}, {@code few-shot}, {@code baseline}): 0.
 * </ul>
 *
 * Optimizer updates and attention's sequence-length term are ignored: figures are estimates.
 */
public final class TrainingFlops {
    private TrainingFlops() {}

    /** Returns the training FLOPs of {@code method} over {@code tokens} training tokens. */
    public static double training(
            String method, long totalParams, long trainableParams, long tokens) {
        double n = totalParams;
        double p = trainableParams;
        double t = tokens;
        String m = method == null ? "" : method.toLowerCase(Locale.ROOT);
        return switch (m) {
            case "full" -> 6 * n * t;
            case "head", "linear-probe", "frozen" -> 2 * (n - p) * t + 6 * p * t;
            case "zero-shot", "few-shot", "baseline" -> 0;
            default -> 4 * n * t + 2 * p * t;
        };
    }

    /** Returns the FLOPs of a forward pass over {@code tokens} tokens: {@code 2·N·T}. */
    public static double inference(long totalParams, long tokens) {
        return 2.0 * totalParams * tokens;
    }
}
