package dev.tunebook.finetune.prompt;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Resolves Python's {@code str} methods ({@code strip}, {@code split}, {@code startswith}, ...),
 * {@code dict.get} with a default, and negative string indices before jinjava's bean resolver would
 * try (and fail, or differ) with Java's methods of the same names.
 *
 * <p>Instances are stateless and thread-safe.
 */
final class PythonMethodResolver extends ELResolver {

    private static final Set<String> STRING_METHODS =
            Set.of(
                    "strip",
                    "lstrip",
                    "rstrip",
                    "startswith",
                    "endswith",
                    "split",
                    "rsplit",
                    "upper",
                    "lower",
                    "title",
                    "capitalize",
                    "replace",
                    "format",
                    "find",
                    "count",
                    "join",
                    "isdigit",
                    "isspace",
                    "isalpha",
                    "splitlines");

    @Override
    public Object invoke(
            ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        Object[] args = params == null ? new Object[0] : params;
        if (base instanceof String s && STRING_METHODS.contains(String.valueOf(method))) {
            context.setPropertyResolved(true);
            return stringMethod(s, method.toString(), args);
        }
        if (base instanceof Map<?, ?> map && "get".equals(method) && args.length == 2) {
            context.setPropertyResolved(true);
            return map.containsKey(args[0]) ? map.get(args[0]) : args[1];
        }
        return null;
    }

    private static Object stringMethod(String s, String method, Object[] args) {
        return switch (method) {
            case "strip" -> PythonStrings.strip(s, text(args, 0), true, true);
            case "lstrip" -> PythonStrings.strip(s, text(args, 0), true, false);
            case "rstrip" -> PythonStrings.strip(s, text(args, 0), false, true);
            case "startswith" -> affix(s, args[0], true);
            case "endswith" -> affix(s, args[0], false);
            case "split" -> PythonStrings.split(s, text(args, 0), number(args, 1, -1));
            case "rsplit" -> rsplit(s, text(args, 0), number(args, 1, -1));
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> PythonStrings.title(s);
            case "capitalize" -> PythonStrings.capitalize(s);
            case "replace" ->
                    PythonStrings.replace(s, text(args, 0), text(args, 1), number(args, 2, -1));
            case "format" -> PythonStrings.format(s, args);
            case "find" -> (long) s.indexOf(text(args, 0));
            case "count" -> (long) PythonStrings.split(s, text(args, 0), -1).size() - 1;
            case "join" -> join(s, args[0]);
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isspace" ->
                    !s.isEmpty() && s.chars().allMatch(c -> PythonStrings.isSpace((char) c));
            case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "splitlines" -> s.lines().toList();
            default -> throw new IllegalStateException(method);
        };
    }

    private static boolean affix(String s, Object affix, boolean prefix) {
        if (affix instanceof Collection<?> options) {
            return options.stream().anyMatch(o -> affix(s, o, prefix));
        }
        String a = String.valueOf(affix);
        return prefix ? s.startsWith(a) : s.endsWith(a);
    }

    private static List<String> rsplit(String s, String sep, int maxsplit) {
        if (maxsplit < 0 || sep == null) {
            return PythonStrings.split(s, sep, maxsplit);
        }
        List<String> parts = new ArrayList<>();
        int end = s.length();
        int at;
        while (parts.size() < maxsplit && (at = s.lastIndexOf(sep, end - sep.length())) >= 0) {
            parts.add(0, s.substring(at + sep.length(), end));
            end = at;
        }
        parts.add(0, s.substring(0, end));
        return parts;
    }

    private static String join(String s, Object items) {
        StringJoiner joined = new StringJoiner(s);
        for (Object item : (Iterable<?>) items) {
            joined.add(PythonValues.str(item));
        }
        return joined.toString();
    }

    private static String text(Object[] args, int i) {
        return i < args.length && args[i] != null ? args[i].toString() : null;
    }

    private static int number(Object[] args, int i, int absent) {
        return i < args.length && args[i] != null ? ((Number) args[i]).intValue() : absent;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        Integer index = base instanceof String ? index(property) : null;
        if (index == null) {
            return null;
        }
        String s = (String) base;
        int i = index < 0 ? s.length() + index : index;
        context.setPropertyResolved(true);
        return i >= 0 && i < s.length() ? String.valueOf(s.charAt(i)) : null;
    }

    /** Returns the integer a subscript denotes; jinjava hands numeric subscripts over as text. */
    private static Integer index(Object property) {
        if (property instanceof Number n) {
            return n.intValue();
        }
        if (property instanceof String p && p.matches("-?\\d{1,9}")) {
            return Integer.parseInt(p);
        }
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {}

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
