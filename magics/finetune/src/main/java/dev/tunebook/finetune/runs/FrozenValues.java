package dev.tunebook.finetune.runs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies of JSON-like values (maps, lists and what they hold), keeping insertion order
 * and {@code null} values, which {@link Map#copyOf} and {@link List#copyOf} would refuse.
 */
final class FrozenValues {
    private FrozenValues() {}

    /** Returns an unmodifiable deep copy of {@code map} in its order, or {@code null}. */
    static Map<String, Object> map(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, value(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** Returns an unmodifiable copy of the metrics by split, then by name. */
    static Map<String, Map<String, Double>> metrics(Map<String, Map<String, Double>> metrics) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        metrics.forEach(
                (split, values) ->
                        copy.put(
                                split,
                                values == null
                                        ? null
                                        : Collections.unmodifiableMap(
                                                new LinkedHashMap<>(values))));
        return Collections.unmodifiableMap(copy);
    }

    /** Returns an unmodifiable copy of {@code list} in its order. */
    static <T> List<T> list(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(k, value(x)));
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(x -> copy.add(value(x)));
            return Collections.unmodifiableList(copy);
        }
        return v;
    }
}
