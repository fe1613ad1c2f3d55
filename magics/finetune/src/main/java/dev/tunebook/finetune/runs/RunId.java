package dev.tunebook.finetune.runs;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Run identifiers that sort by start time: {@code yyyyMMdd-HHmmss-xxxx} in UTC, where {@code xxxx}
 * is four random hex digits that keep runs started in the same second apart.
 */
public final class RunId {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Random RANDOM = new SecureRandom();

    private RunId() {}

    /** Returns a new id for a run started at {@code start}. */
    public static String next(Instant start) {
        return next(start, RANDOM);
    }

    static String next(Instant start, Random random) {
        return FORMAT.format(start)
                + "-"
                + String.format(java.util.Locale.ROOT, "%04x", random.nextInt(0x10000));
    }

    /** Returns whether {@code text} has the shape of a run id. */
    public static boolean isId(String text) {
        return text.matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
    }
}
