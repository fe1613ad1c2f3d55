package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code x|tb_slice(start, stop, step)}: Python's {@code x[start:stop:step]} on lists, tuples and
 * strings; {@link TemplateSourceRewriter} turns slice syntax into this filter.
 */
final class SliceFilter implements Filter {

    @Override
    public String getName() {
        return "tb_slice";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        throw new UnsupportedOperationException("tb_slice takes typed arguments");
    }

    @Override
    public Object filter(
            Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kw) {
        if (var == null) {
            return null;
        }
        List<?> items = var instanceof String s ? chars(s) : asList(var);
        List<Object> out = slice(items, bound(args, 0), bound(args, 1), bound(args, 2));
        if (var instanceof String) {
            StringBuilder sb = new StringBuilder();
            out.forEach(sb::append);
            return sb.toString();
        }
        return out;
    }

    private static List<?> asList(Object var) {
        if (var instanceof List<?> list) {
            return list;
        }
        if (var instanceof Iterable<?> iterable) {
            List<Object> list = new ArrayList<>();
            iterable.forEach(list::add);
            return list;
        }
        throw new IllegalArgumentException(
                "TypeError: '" + var.getClass().getSimpleName() + "' object is not subscriptable");
    }

    private static List<String> chars(String s) {
        List<String> out = new ArrayList<>();
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    private static Integer bound(Object[] args, int i) {
        return i < args.length && args[i] != null ? ((Number) args[i]).intValue() : null;
    }

    /** Python's slice semantics: clamped bounds, negative indices from the end, any step. */
    static List<Object> slice(List<?> items, Integer start, Integer stop, Integer step) {
        int n = items.size();
        int s = step == null ? 1 : step;
        if (s == 0) {
            throw new IllegalArgumentException("ValueError: slice step cannot be zero");
        }
        int lower = s > 0 ? 0 : -1;
        int upper = s > 0 ? n : n - 1;
        int from = start == null ? (s > 0 ? lower : upper) : clamp(start, n, lower, upper);
        int to = stop == null ? (s > 0 ? upper : lower) : clamp(stop, n, lower, upper);
        List<Object> out = new ArrayList<>();
        for (int i = from; s > 0 ? i < to : i > to; i += s) {
            out.add(items.get(i));
        }
        return out;
    }

    private static int clamp(int index, int n, int lower, int upper) {
        return index < 0 ? Math.max(index + n, lower) : Math.min(index, upper);
    }
}
