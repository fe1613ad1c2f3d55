package dev.tunebook.magics;

import dev.tunebook.finetune.train.ScheduleKind;
import dev.tunebook.finetune.train.TrainingConfig;
import dev.tunebook.finetune.train.TrainingMethod;
import java.util.Arrays;
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
    static final List<String> NAMES =
            List.of(
                    "method",
                    "epochs",
                    "lr",
                    "batch",
                    "accumulate",
                    "max-length",
                    "rank",
                    "alpha",
                    "dropout",
                    "targets",
                    "schedule",
                    "warmup",
                    "clip",
                    "eval-every",
                    "early-stop",
                    "seed",
                    "device",
                    "freeze-layers",
                    "weight-decay",
                    "name",
                    "resume");

    private TrainingConfigOptions() {}

    /** Returns the config {@code options} describe on top of the defaults. */
    static TrainingConfig config(Map<String, String> options) {
        return apply(TrainingConfig.builder(), options).build();
    }

    /** Sets each of {@code options} on {@code b}, in order, and returns {@code b}. */
    static TrainingConfig.Builder apply(TrainingConfig.Builder b, Map<String, String> options) {
        options.forEach((key, text) -> set(b, key, text.trim()));
        return b;
    }

    private static void set(TrainingConfig.Builder b, String k, String v) {
        switch (k) {
            case "method" -> b.optMethod(TrainingMethod.parse(v));
            case "epochs" -> b.optEpochs(integer(k, v));
            case "lr" -> b.optLr(number(k, v));
            case "batch" -> b.optBatch(integer(k, v));
            case "accumulate" -> b.optAccumulate(integer(k, v));
            case "max-length" -> b.optMaxLength(integer(k, v));
            case "rank" -> b.optRank(integer(k, v));
            case "alpha" -> b.optAlpha(number(k, v));
            case "dropout" -> b.optDropout(number(k, v));
            case "targets" ->
                    b.optTargets(
                            v.isEmpty()
                                    ? List.of()
                                    : Arrays.stream(v.split(",")).map(String::trim).toList());
            case "schedule" -> b.optSchedule(ScheduleKind.parse(v));
            case "warmup" -> b.optWarmup(number(k, v));
            case "clip" -> b.optClip(number(k, v));
            case "eval-every" -> b.optEvalEvery(integer(k, v));
            case "early-stop" -> b.optEarlyStop(integer(k, v));
            case "seed" -> b.optSeed(longInteger(k, v));
            case "device" -> b.optDevice(v);
            case "freeze-layers" -> b.optFreezeLayers(integer(k, v));
            case "weight-decay" -> b.optWeightDecay(number(k, v));
            case "name" -> b.optName(v);
            case "resume" -> b.optResume(v);
            default ->
                    throw new IllegalArgumentException(
                            k + ": unknown option; expected one of " + String.join(", ", NAMES));
        }
    }

    private static int integer(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an integer", e);
        }
    }

    private static long longInteger(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an integer", e);
        }
    }

    private static double number(String key, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a number", e);
        }
    }
}
