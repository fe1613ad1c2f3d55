package dev.tunebook.finetune.runs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Short, locale-independent cell text for run tables. */
final class RunFormat {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private RunFormat() {}

    /** Returns seconds as {@code 42.0s}, {@code 3m 05s} or {@code 2h 07m}; empty for null. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "";
        }
        long s = Math.round(seconds);
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    /** Returns a count as {@code 950}, {@code 73.7K}, {@code 22.7M} or {@code 1.5B}. */
    static String count(Long n) {
        if (n == null) {
            return "";
        }
        if (n < 1_000) {
            return Long.toString(n);
        }
        String[] units = {"K", "M", "B", "T"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
    }

    /** Returns an instant as {@code 2026-11-26 06:15} (UTC); empty for null. */
    static String minute(Instant t) {
        return t == null ? "" : MINUTE.format(t);
    }

    /** Returns any stored value as cell text; numbers without locale. */
    static String value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            return dev.tunebook.finetune.view.Html.number(((Number) v).doubleValue());
        }
        return v.toString();
    }
}
