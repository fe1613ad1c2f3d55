package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.List;
import java.util.Map;

/**
 * {@code tojson} as transformers defines it: {@code json.dumps(x, ensure_ascii=False, indent=None,
 * separators=None, sort_keys=False)}, with those four parameters in that order. Unlike Jinja's own
 * filter it escapes no HTML, and unlike jinjava's it writes Python's separators.
 */
final class ToJsonFilter implements Filter {

    private static final List<String> PARAMETERS =
            List.of("ensure_ascii", "indent", "separators", "sort_keys");

    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return filter(var, interpreter, (Object[]) args, Map.of());
    }

    @Override
    public Object filter(
            Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kw) {
        Object[] values = new Object[PARAMETERS.size()];
        for (int i = 0; i < args.length && i < values.length; i++) {
            values[i] = args[i];
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = kw.getOrDefault(PARAMETERS.get(i), values[i]);
        }
        Integer indent = values[1] == null ? null : ((Number) values[1]).intValue();
        @SuppressWarnings("unchecked")
        List<String> separators = (List<String>) values[2];
        return new PythonJson(truthy(values[0]), indent, separators, truthy(values[3])).dumps(var);
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value != null;
    }
}
