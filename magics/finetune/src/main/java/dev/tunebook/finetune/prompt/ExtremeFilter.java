package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jinja's {@code max} and {@code min} filters, which jinjava lacks: the largest or smallest item,
 * strings compared case-insensitively unless {@code case_sensitive=true}, optionally by {@code
 * attribute}; nothing for an empty sequence.
 */
final class ExtremeFilter implements Filter {

    private final boolean max;

    ExtremeFilter(boolean max) {
        this.max = max;
    }

    @Override
    public String getName() {
        return max ? "max" : "min";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return filter(var, interpreter, new Object[0], Map.of());
    }

    @Override
    public Object filter(
            Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kw) {
        if (!(var instanceof Iterable<?> items)) {
            return null;
        }
        boolean caseSensitive = Boolean.TRUE.equals(kw.get("case_sensitive"));
        Object attribute = kw.get("attribute");
        List<Object> values = new ArrayList<>();
        items.forEach(values::add);
        Comparator<Object> order =
                Comparator.comparing(v -> key(v, attribute, caseSensitive), ExtremeFilter::compare);
        return values.stream()
                .reduce(
                        (a, b) -> {
                            int c = order.compare(a, b);
                            return max ? (c >= 0 ? a : b) : (c <= 0 ? a : b);
                        })
                .orElse(null);
    }

    private static Object key(Object value, Object attribute, boolean caseSensitive) {
        Object v = attribute != null && value instanceof Map<?, ?> m ? m.get(attribute) : value;
        return v instanceof String s && !caseSensitive ? s.toLowerCase(Locale.ROOT) : v;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }
}
