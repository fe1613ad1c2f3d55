package dev.tunebook.finetune.train;

import java.util.Locale;

/**
 * The learning rate at each optimizer step, indexed from 0 as transformers' {@code LambdaLR}
 * schedulers are: the rate used by the first step is {@code rate(0)}.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** Returns the learning rate for 0-based optimizer step {@code step}. */
    double rate(int step);

    /**
     * Returns a constant rate after {@code warmup} steps of linear warmup from 0 (transformers'
     * {@code get_constant_schedule_with_warmup}; no warmup when it is 0).
     */
    static LearningRateSchedule constant(double peak, int warmup) {
        return step -> step < warmup ? peak * step / Math.max(1.0, warmup) : peak;
    }

    /**
     * Returns linear warmup from 0 over {@code warmup} steps, then linear decay to 0 at {@code
     * total} steps (transformers' {@code get_linear_schedule_with_warmup}).
     */
    static LearningRateSchedule linear(double peak, int warmup, int total) {
        return step -> {
            if (step < warmup) {
                return peak * step / Math.max(1.0, warmup);
            }
            return peak * Math.max(0.0, (double) (total - step) / Math.max(1.0, total - warmup));
        };
    }

    /**
     * Returns linear warmup from 0 over {@code warmup} steps, then half a cosine down to 0 at
     * {@code total} steps (transformers' {@code get_cosine_schedule_with_warmup} with 0.5 cycles).
     */
    static LearningRateSchedule cosine(double peak, int warmup, int total) {
        return step -> {
            if (step < warmup) {
                return peak * step / Math.max(1.0, warmup);
            }
            double progress = (double) (step - warmup) / Math.max(1.0, total - warmup);
            return peak * Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * 2.0 * 0.5 * progress)));
        };
    }

    /**
     * Returns the schedule called {@code name} ({@code constant}, {@code linear} or {@code cosine})
     * with {@code warmupFraction} of {@code total} steps, rounded up, as warmup (transformers'
     * {@code warmup_ratio}).
     *
     * @throws IllegalArgumentException for another name or a fraction outside [0, 1]
     */
    static LearningRateSchedule named(String name, double peak, double warmupFraction, int total) {
        if (!(warmupFraction >= 0 && warmupFraction <= 1)) {
            throw new IllegalArgumentException(
                    "warmup must be a fraction in [0, 1], was " + warmupFraction);
        }
        int warmup = (int) Math.ceil(total * warmupFraction);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "constant" -> constant(peak, warmup);
            case "linear" -> linear(peak, warmup, total);
            case "cosine" -> cosine(peak, warmup, total);
            default ->
                    throw new IllegalArgumentException(
                            "unknown schedule '" + name + "': expected constant, linear or cosine");
        };
    }
}
