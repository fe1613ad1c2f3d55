package dev.tunebook.finetune.prompt;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** The global functions transformers adds to its Jinja environment. */
final class TemplateFunctions {

    private TemplateFunctions() {}

    /** {@code raise_exception(message)}: aborts rendering with {@code TemplateError(message)}. */
    public static Object raiseException(Object message) {
        throw new TemplateRaisedException(PythonValues.str(message));
    }

    /** {@code strftime_now(format)}: the local time formatted by Python's {@code strftime}. */
    public static String strftimeNow(String format) {
        return strftime(ZonedDateTime.now(), format);
    }

    /** Formats {@code t} with Python (glibc) {@code strftime} directives, in English. */
    static String strftime(ZonedDateTime t, String format) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            char d = format.charAt(++i);
            boolean unpadded = d == '-' && i + 1 < format.length();
            if (unpadded) {
                d = format.charAt(++i);
            }
            sb.append(directive(t, d, unpadded));
        }
        return sb.toString();
    }

    private static String directive(ZonedDateTime t, char d, boolean unpadded) {
        return switch (d) {
            case 'd' -> pad(t.getDayOfMonth(), 2, unpadded);
            case 'm' -> pad(t.getMonthValue(), 2, unpadded);
            case 'Y' -> String.valueOf(t.getYear());
            case 'y' -> pad(t.getYear() % 100, 2, unpadded);
            case 'H' -> pad(t.getHour(), 2, unpadded);
            case 'I' -> pad((t.getHour() + 11) % 12 + 1, 2, unpadded);
            case 'M' -> pad(t.getMinute(), 2, unpadded);
            case 'S' -> pad(t.getSecond(), 2, unpadded);
            case 'j' -> pad(t.getDayOfYear(), 3, unpadded);
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'b' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case '%' -> "%";
            default -> "%" + d;
        };
    }

    private static String pad(int value, int width, boolean unpadded) {
        String s = String.valueOf(value);
        return unpadded ? s : "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
