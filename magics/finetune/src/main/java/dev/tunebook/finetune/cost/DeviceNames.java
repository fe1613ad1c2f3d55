package dev.tunebook.finetune.cost;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises the priced device in a run's free-form device string. */
final class DeviceNames {
    /** Known names; each matched as a whole word, so "L40S" is not an "L4". */
    static final List<String> KNOWN = List.of("H200", "H100", "A100", "L4", "T4", "CPU");

    private DeviceNames() {}

    /** Returns the canonical name for user input such as "h100" or "cpu". */
    static String canonical(String name) {
        return name.trim().toUpperCase(Locale.ROOT);
    }

    private static final Pattern COUNT = Pattern.compile("^\\s*(\\d+)\\s*[x×]\\s+");

    /**
     * Returns how many devices {@code text} names: N for a data-parallel run's "N × cuda:0 ..."
     * label, else 1.
     */
    static int count(String text) {
        if (text == null) {
            return 1;
        }
        java.util.regex.Matcher matcher = COUNT.matcher(text);
        return matcher.find() ? Math.max(1, Integer.parseInt(matcher.group(1))) : 1;
    }

    /** Returns {@code text} without a leading device count. */
    static String single(String text) {
        return text == null ? null : COUNT.matcher(text).replaceFirst("");
    }

    /**
     * Returns the known device named in {@code text} ("cuda:0 NVIDIA H100 80GB HBM3" → H100,
     * "cpu()" → CPU), or empty when it names none (e.g. "gpu(0)" alone).
     */
    static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.toUpperCase(Locale.ROOT);
        for (String name : KNOWN) {
            if (Pattern.compile("(?<![A-Z0-9])" + name + "(?![A-Z0-9])").matcher(upper).find()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
