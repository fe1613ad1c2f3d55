package dev.tunebook.finetune.prompt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds {@code {% for %}...{% else %}...{% endfor %}} blocks, which jinjava does not support (it
 * never renders the {@code else} part), so that {@link TemplateSourceRewriter} can rewrite each
 * into a loop that sets a namespace flag followed by {@code {% if not flag %}}.
 */
final class ForElsePlan {

    private static final Set<String> BLOCKS =
            Set.of(
                    "for",
                    "if",
                    "macro",
                    "call",
                    "filter",
                    "generation",
                    "block",
                    "with",
                    "autoescape");

    /** A loop tag, its else tag, or its end tag, and the number of its block. */
    record Role(String kind, int block) {}

    private ForElsePlan() {}

    /** Returns, by the index of a tag's opening {@code {%}, its role in a for-else block. */
    static Map<Integer, Role> of(String source) {
        Map<Integer, Role> roles = new HashMap<>();
        Deque<int[]> open = new ArrayDeque<>(); // {start, isFor, blockNumber or -1}
        int blocks = 0;
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("{#", i)) {
                int end = source.indexOf("#}", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("{{", i)) {
                i = TemplateSourceRewriter.regionEnd(source, i + 2, "}}") + 2;
            } else if (source.startsWith("{%", i)) {
                int end = TemplateSourceRewriter.regionEnd(source, i + 2, "%}");
                String body = source.substring(i + 2, end);
                String word = TemplateSourceRewriter.firstWord(body);
                if (BLOCKS.contains(word) || word.equals("set") && !body.contains("=")) {
                    open.push(new int[] {i, word.equals("for") ? 1 : 0, -1});
                } else if (word.equals("else") && !open.isEmpty() && open.peek()[1] == 1) {
                    int[] loop = open.peek();
                    loop[2] = blocks++;
                    roles.put(loop[0], new Role("for", loop[2]));
                    roles.put(i, new Role("else", loop[2]));
                } else if (word.startsWith("end") && !open.isEmpty()) {
                    int[] closed = open.pop();
                    if (closed[2] >= 0) {
                        roles.put(i, new Role("endfor", closed[2]));
                    }
                }
                i = end + 2;
                if (word.equals("raw")) {
                    i = TemplateSourceRewriter.rawEnd(source, i);
                }
            } else {
                i++;
            }
        }
        return roles;
    }
}
