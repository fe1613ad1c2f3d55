package dev.tunebook.finetune.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored forms of a {@link TrainingConfig}: option name to text, as checkpoints keep it ({@code
 * max-length: "128"}), and the hyperparameters of a run record ({@code max_length: 128}). Both list
 * the options in {@link #KEYS} order and must stay as runs recorded them, so that old runs read.
 */
final class TrainingConfigMap {
    /** The option names, in the order they are written out. */
    static final List<String> KEYS =
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

    private TrainingConfigMap() {}

    /** Returns each option's value as a JSON value (absent: name and resume when not set). */
    static Map<String, Object> values(TrainingConfig c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("method", c.method().id());
        v.put("epochs", c.epochs());
        v.put("lr", c.optimizer().lr());
        v.put("batch", c.batching().batch());
        v.put("accumulate", c.batching().accumulate());
        v.put("max-length", c.batching().maxLength());
        v.put("rank", c.lora().rank());
        v.put("alpha", c.lora().alpha());
        v.put("dropout", c.lora().dropout());
        v.put("targets", c.lora().targetModules());
        v.put("schedule", c.optimizer().schedule().id());
        v.put("warmup", c.optimizer().warmup());
        v.put("clip", c.optimizer().clip());
        v.put("eval-every", c.evaluation().evalEvery());
        v.put("early-stop", c.evaluation().earlyStop());
        v.put("seed", c.seed());
        v.put("device", c.device());
        v.put("freeze-layers", c.freezeLayers());
        v.put("weight-decay", c.optimizer().weightDecay());
        if (c.name() != null) {
            v.put("name", c.name());
        }
        if (c.resume() != null) {
            v.put("resume", c.resume());
        }
        return v;
    }

    static Map<String, String> options(TrainingConfig c) {
        Map<String, String> out = new LinkedHashMap<>();
        values(c).forEach((key, value) -> out.put(key, text(value)));
        return out;
    }

    static Map<String, Object> hyperparameters(TrainingConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        values(c)
                .forEach(
                        (key, value) -> {
                            if (!key.equals("resume") && !key.equals("name")) {
                                out.put(key.replace('-', '_'), value);
                            }
                        });
        return out;
    }

    static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /**
     * Returns the config {@code options} (as {@link #options} writes them) describe on top of the
     * defaults.
     *
     * @throws IllegalArgumentException naming the unknown option or the bad value's field
     */
    static TrainingConfig read(Map<String, String> options) {
        return apply(TrainingConfig.builder(), options).build();
    }

    static TrainingConfig.Builder apply(TrainingConfig.Builder b, Map<String, String> options) {
        options.forEach((key, text) -> set(b, key, text.trim()));
        return b;
    }

    private static void set(TrainingConfig.Builder b, String k, String v) {
        switch (k) {
            case "method" -> b.optMethod(TrainingMethod.parse(v));
            case "epochs" -> b.optEpochs(parseInt(k, v));
            case "lr" -> b.optLr(parseDouble(k, v));
            case "batch" -> b.optBatch(parseInt(k, v));
            case "accumulate" -> b.optAccumulate(parseInt(k, v));
            case "max-length" -> b.optMaxLength(parseInt(k, v));
            case "rank" -> b.optRank(parseInt(k, v));
            case "alpha" -> b.optAlpha(parseDouble(k, v));
            case "dropout" -> b.optDropout(parseDouble(k, v));
            case "targets" -> b.optTargets(list(v));
            case "schedule" -> b.optSchedule(ScheduleKind.parse(v));
            case "warmup" -> b.optWarmup(parseDouble(k, v));
            case "clip" -> b.optClip(parseDouble(k, v));
            case "eval-every" -> b.optEvalEvery(parseInt(k, v));
            case "early-stop" -> b.optEarlyStop(parseInt(k, v));
            case "seed" -> b.optSeed(parseLong(k, v));
            case "device" -> b.optDevice(v);
            case "freeze-layers" -> b.optFreezeLayers(parseInt(k, v));
            case "weight-decay" -> b.optWeightDecay(parseDouble(k, v));
            case "name" -> b.optName(v);
            case "resume" -> b.optResume(v);
            default ->
                    throw new IllegalArgumentException(
                            k + ": unknown option; expected one of " + String.join(", ", KEYS));
        }
    }

    static List<String> list(String text) {
        return text.isEmpty()
                ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    static int parseInt(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an integer", e);
        }
    }

    static long parseLong(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an integer", e);
        }
    }

    static double parseDouble(String key, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a number", e);
        }
    }
}
