package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jinja's string filters with Python's semantics: {@code upper}, {@code lower}, {@code capitalize},
 * {@code title} and {@code trim}. jinjava's versions follow the JVM's default locale (under
 * Turkish, {@code 'i'|upper} gives {@code İ}) and Java's idea of whitespace.
 */
final class StringFilter implements Filter {

    private final String name;

    private StringFilter(String name) {
        this.name = name;
    }

    /** Returns the five filters. */
    static List<Filter> all() {
        return List.of("upper", "lower", "capitalize", "title", "trim").stream()
                .map(n -> (Filter) new StringFilter(n))
                .toList();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return filter(var, interpreter, (Object[]) args, Map.of());
    }

    @Override
    public Object filter(
            Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kw) {
        String s = PythonValues.str(var);
        return switch (name) {
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "capitalize" -> PythonStrings.capitalize(s);
            case "title" -> PythonStrings.title(s);
            default -> PythonStrings.strip(s, chars(args, kw), true, true);
        };
    }

    private static String chars(Object[] args, Map<String, Object> kw) {
        Object chars = args.length > 0 ? args[0] : kw.get("chars");
        return chars == null ? null : chars.toString();
    }
}
