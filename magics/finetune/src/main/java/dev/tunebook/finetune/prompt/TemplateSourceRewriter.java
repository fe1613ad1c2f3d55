package dev.tunebook.finetune.prompt;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the Python-only syntax of a Jinja template into forms jinjava parses the same way, and
 * applies {@code lstrip_blocks} itself (see {@link #lstrip}).
 *
 * <p>Two rewrites, both confined to expressions inside {@code {{ }}} and {@code {% %}} (text,
 * comments, raw blocks and string literals are copied unchanged):
 *
 * <ul>
 *   <li>slices {@code x[a:b:c]} become {@code (x|tb_slice(a, b, c))}: jinjava has no step and
 *       differs from Python on strings and negative bounds;
 *   <li>keyword arguments {@code f(k=v)} become {@code f(k=(v))}: jinjava binds {@code =} tighter
 *       than filters and arithmetic, so {@code namespace(n=xs|length - 1)} fails.
 * </ul>
 *
 * <p>The rewrites keep every newline, so line numbers in error messages still point into the user's
 * template.
 */
final class TemplateSourceRewriter {

    private TemplateSourceRewriter() {}

    /** Returns {@code source} rewritten for jinjava. */
    static String rewrite(String source) {
        return rewrite(source, new HashSet<>());
    }

    /** Returns {@code source} rewritten for jinjava; adds the names of the filters it uses. */
    static String rewrite(String source, Set<String> filters) {
        StringBuilder out = new StringBuilder(source.length() + 32);
        Map<Integer, ForElsePlan.Role> forElse = ForElsePlan.of(source);
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("{#", i) || source.startsWith("{%", i)) {
                lstrip(out, source, i);
            }
            if (forElse.containsKey(i)) {
                int end = regionEnd(source, i + 2, "%}");
                out.append(forElse(source.substring(i + 2, end), forElse.get(i), filters));
                i = end + 2;
            } else if (source.startsWith("{#", i)) {
                int end = source.indexOf("#}", i + 2);
                end = end < 0 ? source.length() : end + 2;
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("{{", i) || source.startsWith("{%", i)) {
                boolean tag = source.charAt(i + 1) == '%';
                int end = regionEnd(source, i + 2, tag ? "%}" : "}}");
                String body = source.substring(i + 2, end);
                out.append(source, i, i + 2);
                String rewritten = tag && isVerbatimTag(body) ? body : rewriteBody(body);
                ExpressionScanner.collectFilters(rewritten, filters);
                out.append(rewritten);
                i = end;
                if (tag && isRawTag(body)) {
                    int close = rawEnd(source, i);
                    out.append(source, i, close);
                    i = close;
                }
            } else {
                out.append(source.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * Rewrites one tag of a for-else block: the loop also sets a flag on each pass, {@code else}
     * closes the loop and opens {@code if not flag}, and {@code endfor} closes that {@code if}.
     * Whitespace-control markers stay on the outermost tags.
     */
    private static String forElse(String body, ForElsePlan.Role role, Set<String> filters) {
        String lead = body.startsWith("-") || body.startsWith("+") ? body.substring(0, 1) : "";
        String trail =
                body.endsWith("-") || body.endsWith("+") ? body.substring(body.length() - 1) : "";
        String flag = "__tunebook_for" + role.block();
        return switch (role.kind()) {
            case "for" -> {
                String core =
                        rewriteExpression(
                                body.substring(lead.length(), body.length() - trail.length()));
                ExpressionScanner.collectFilters(core, filters);
                yield "{%"
                        + lead
                        + " set "
                        + flag
                        + " = namespace(ran=false) %}{%"
                        + core
                        + "%}"
                        + "{% set "
                        + flag
                        + ".ran = true "
                        + trail
                        + "%}";
            }
            case "else" -> "{%" + lead + " endfor %}{% if not " + flag + ".ran " + trail + "%}";
            default -> "{%" + lead + " endif " + trail + "%}";
        };
    }

    /**
     * Applies {@code lstrip_blocks} as Jinja does: spaces and tabs before a block tag or comment go
     * only when they are all that precedes it on its line (jinjava strips them mid-line too).
     */
    private static void lstrip(StringBuilder out, String source, int tag) {
        char marker = tag + 2 < source.length() ? source.charAt(tag + 2) : ' ';
        if (marker == '+' || marker == '-') {
            return;
        }
        int k = out.length();
        while (k > 0 && (out.charAt(k - 1) == ' ' || out.charAt(k - 1) == '\t')) {
            k--;
        }
        if (k < out.length() && (k == 0 || out.charAt(k - 1) == '\n')) {
            out.setLength(k);
        }
    }

    private static boolean isVerbatimTag(String body) {
        String word = firstWord(body);
        return word.equals("macro") || word.equals("raw") || word.equals("call");
    }

    private static boolean isRawTag(String body) {
        return firstWord(body).equals("raw");
    }

    static String firstWord(String body) {
        String t = body.strip();
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1).strip();
        }
        int k = 0;
        while (k < t.length() && Character.isLetterOrDigit(t.charAt(k))) {
            k++;
        }
        return t.substring(0, k);
    }

    static int rawEnd(String source, int from) {
        int k = from;
        while (true) {
            int open = source.indexOf("{%", k);
            if (open < 0) {
                return source.length();
            }
            int close = regionEnd(source, open + 2, "%}");
            if (firstWord(source.substring(open + 2, close)).equals("endraw")) {
                return open;
            }
            k = close;
        }
    }

    /** Returns the index of {@code close} ending a region, skipping string literals. */
    static int regionEnd(String s, int from, String close) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = ExpressionScanner.stringEnd(s, i);
            } else if (s.startsWith(close, i)) {
                return i;
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** Rewrites one expression (or tag body) until no slice or bare keyword value remains. */
    static String rewriteExpression(String expr) {
        String current = expr;
        while (true) {
            String next = ExpressionScanner.rewriteFirstSlice(current);
            if (next == null) {
                break;
            }
            current = next;
        }
        return PrecedenceRewriter.rewrite(ExpressionScanner.wrapKeywordValues(current));
    }

    /**
     * Rewrites a tag or expression body, keeping its whitespace-control markers ({@code -} or
     * {@code +} right inside the delimiters) out of the expression.
     */
    private static String rewriteBody(String body) {
        int start = !body.isEmpty() && (body.charAt(0) == '-' || body.charAt(0) == '+') ? 1 : 0;
        int end = body.length();
        if (end > start && (body.charAt(end - 1) == '-' || body.charAt(end - 1) == '+')) {
            end--;
        }
        return body.substring(0, start)
                + rewriteExpression(body.substring(start, end))
                + body.substring(end);
    }
}
