package dev.tunebook.finetune.lora;

import java.util.Locale;

/**
 * Trainable and total parameter counts as PEFT's {@code print_trainable_parameters} reports them:
 * every parameter of the wrapped model once (the frozen base layers, the LoRA matrices and both the
 * original and the copy of each module saved in full).
 */
public record ParameterCount(long trainable, long total) {
    /** Returns the trainable share in percent. */
    public double trainablePercent() {
        return total == 0 ? 0 : 100.0 * trainable / total;
    }

    /** Returns PEFT's line, e.g. {@code trainable params: 1,024 || all params: 60,544 || ...}. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "trainable params: %,d || all params: %,d || trainable%%: %.4f",
                trainable,
                total,
                trainablePercent());
    }
}
