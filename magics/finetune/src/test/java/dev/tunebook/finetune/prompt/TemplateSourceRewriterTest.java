package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TemplateSourceRewriterTest {

    @Test
    void rewritesSlicesWithTheirWholeReceiver() {
        assertEquals(
                "{{ (messages|tb_slice(1, none, none)) }}",
                TemplateSourceRewriter.rewrite("{{ messages[1:] }}"));
        assertEquals(
                "{% for m in (messages|tb_slice(none, none, -1)) %}",
                TemplateSourceRewriter.rewrite("{% for m in messages[::-1] %}"));
        assertEquals(
                "{{ (m.content.split('x')|tb_slice(none, -1, none))[0] }}",
                TemplateSourceRewriter.rewrite("{{ m.content.split('x')[:-1][0] }}"));
        assertEquals(
                "{{ ((xs|tb_slice(1, none, none))|tb_slice(none, none, -1)) }}",
                TemplateSourceRewriter.rewrite("{{ xs[1:][::-1] }}"));
    }

    @Test
    void leavesTextStringsCommentsAndIndexingAlone() {
        String source = "a[1:2] {# x[1:] #}{{ 'b[1:]' ~ xs[0] ~ {'k': 1}['k'] }}";
        assertEquals(source, TemplateSourceRewriter.rewrite(source));
        String raw = "{% raw %}{{ x[1:] }}{% endraw %}";
        assertEquals(raw, TemplateSourceRewriter.rewrite(raw));
    }

    @Test
    void wrapsKeywordValuesButNotComparisons() {
        assertEquals(
                "{% set ns = namespace(a=(xs|length - 1), b=(x == 1)) %}",
                TemplateSourceRewriter.rewrite(
                        "{% set ns = namespace(a=xs|length - 1, b=x == 1) %}"));
        assertEquals(
                "{% macro f(x, y='d') %}",
                TemplateSourceRewriter.rewrite("{% macro f(x, y='d') %}"));
    }

    @Test
    void groupsNotAndTestsAsJinjaDoes() {
        assertEquals(
                "{%- if not (((date_string) is defined)) -%}",
                TemplateSourceRewriter.rewrite("{%- if not date_string is defined -%}"));
        assertEquals(
                "{{ ((xs|length) is odd) and not (a == b) }}",
                TemplateSourceRewriter.rewrite("{{ xs|length is odd and not a == b }}"));
        assertEquals(
                "{{ ((x) is not none) and 'a' not in s }}",
                TemplateSourceRewriter.rewrite("{{ x is not none and 'a' not in s }}"));
        assertEquals(
                "{{ ((n) is divisibleby 3) or ((m.k) is sameas(false)) }}",
                TemplateSourceRewriter.rewrite("{{ n is divisibleby 3 or m.k is sameas(false) }}"));
    }
}
