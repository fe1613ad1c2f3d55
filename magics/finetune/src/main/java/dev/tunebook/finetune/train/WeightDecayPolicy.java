package dev.tunebook.finetune.train;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which parameters AdamW decays, as transformers' {@code Trainer} decides it ({@code
 * get_decay_parameter_names}): every parameter except biases and the weights of normalisation
 * layers (LayerNorm, RMSNorm). transformers finds the latter by module type; here they are found by
 * the names those modules carry in Hugging Face checkpoints: {@code LayerNorm}, {@code layernorm},
 * {@code layer_norm}, {@code ln_1}/{@code ln_2}/{@code ln_f} (GPT-2), {@code *_norm} and {@code
 * norm} (Llama family).
 */
public final class WeightDecayPolicy {
    private static final Pattern NO_DECAY =
            Pattern.compile(
                    "(bias$|layernorm|layer_norm|rmsnorm|(^|\\.)ln_[0-9a-z]+\\.|_norm\\.|(^|\\.)norm\\.)");

    private WeightDecayPolicy() {}

    /** Returns whether parameter {@code name} is decayed. */
    public static boolean decays(String name) {
        return !NO_DECAY.matcher(name.toLowerCase(Locale.ROOT)).find();
    }
}
