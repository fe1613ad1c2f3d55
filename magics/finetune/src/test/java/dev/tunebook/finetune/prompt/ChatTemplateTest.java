package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Python and transformers behaviour that chat templates rely on, beyond the golden cases. */
class ChatTemplateTest {

    private static final List<Map<String, Object>> CHAT =
            Message.asMaps(
                    List.of(
                            new Message("system", "Be brief."),
                            new Message("user", "  Hi there  "),
                            new Message("assistant", "<think>\nhm\n</think>\n\nHello")));

    private static String render(String source) {
        TemplateInputs inputs =
                TemplateInputs.builder()
                        .setMessages(CHAT)
                        .optVariable("xs", List.of(1, 2, 3, 4))
                        .optVariable("d", Map.of("k", "v"))
                        .optVariable("f", 1.0e-5)
                        .build();
        return ChatTemplate.of("test", source).render(inputs).text();
    }

    @Test
    void slicesFollowPython() {
        assertEquals(
                "[2, 3, 4]|[4, 3, 2, 1]|[3, 4]|[1, 3]|4",
                render(
                        "{{ xs[1:] }}|{{ xs[::-1] }}|{{ xs[-2:] }}|{{ xs[::2] }}|{{ xs[::-1][0] }}"));
        assertEquals(
                "assistant,user",
                render(
                        "{% for m in messages[1:][::-1] %}{{ m.role }}{% if not loop.last %},{% endif %}"
                                + "{% endfor %}"));
        assertEquals("Be", render("{{ messages[0].content[:2] }}"));
    }

    @Test
    void stringMethodsFollowPython() {
        assertEquals(
                "Hi there|Hi there  |  Hi there|i there",
                render(
                        "{{ messages[1].content.strip() }}|{{ messages[1].content.lstrip() }}|"
                                + "{{ messages[1].content.rstrip() }}|{{ messages[1].content.strip(' H') }}"));
        assertEquals(
                "Hello|hm",
                render(
                        "{{ messages[2].content.split('</think>')[-1].lstrip('\\n') }}|"
                                + "{{ messages[2].content.split('</think>')[0].rstrip('\\n')"
                                + ".split('<think>')[-1].lstrip('\\n') }}"));
        assertEquals(
                "True False BE BRIEF. Be Brief. ['a', 'b c'] x-1-y",
                render(
                        "{{ messages[0].content.startswith('Be') }} {{ messages[0].content.endswith('x') }} "
                                + "{{ messages[0].content.upper() }} {{ messages[0].content.title() }} "
                                + "{{ 'a b c'.split(none, 1) }} {{ 'x{}y'.format('-1-') }}"));
    }

    @Test
    void valuesPrintAsPythonPrintsThem() {
        assertEquals(
                "True True [1, 'a'] {'k': 'v'} 1e-05",
                render("{{ true }} {{ none is none }} {{ [1, 'a'] }} {{ d }} {{ f }}"));
    }

    @Test
    void tojsonIsJsonDumpsWithoutAsciiEscaping() {
        assertEquals(
                "{\"a\": [1, 2.5], \"b\": \"é\\n\"}",
                render("{{ {'a': [1, 2.5], 'b': 'é\\n'}|tojson }}"));
        assertEquals("{\n  \"k\": \"v\"\n}", render("{{ d|tojson(indent=2) }}"));
    }

    @Test
    void notAndTestsBindAsInJinja() {
        assertEquals(
                "False True True False",
                render(
                        "{{ not d is defined }} {{ not nothing is defined }} {{ xs|length is even }}"
                                + " {{ not xs|length == 4 }}"));
        String dated =
                "{%- if not date_string is defined %}{%- if strftime_now is defined %}"
                        + "{%- set date_string = strftime_now('%Y') %}{%- else %}"
                        + "{%- set date_string = 'fallback' %}{%- endif %}{%- endif %}{{ date_string }}";
        assertEquals(String.valueOf(Year.now().getValue()), render(dated));
    }

    @Test
    void rendersConcurrentlyWithTheSameResult() {
        ChatTemplate qwen3 = ChatTemplateLibrary.builtin("qwen3");
        TemplateInputs inputs = TemplateInputs.builder().setMessages(CHAT).build();
        String expected = qwen3.render(inputs).text();
        List<String> outputs =
                IntStream.range(0, 64)
                        .parallel()
                        .mapToObj(i -> qwen3.render(inputs).text())
                        .toList();
        assertTrue(outputs.stream().allMatch(expected::equals));
    }

    @Test
    void forElseRendersTheElseOfAnEmptyLoop() {
        assertEquals(
                "empty|1234|none|.2..",
                render(
                        "{% for x in [] %}a{% else %}empty{% endfor %}|"
                                + "{% for x in xs %}{{ x }}{% else %}E{% endfor %}|"
                                + "{% for x in xs if x > 9 %}{{ x }}{% else %}none{% endfor %}|"
                                + "{% for x in xs %}{% if x == 2 %}2{% else %}.{% endif %}{% endfor %}"));
    }

    @Test
    void caseFiltersIgnoreTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals(
                    "II ii Ii Ii II [a]",
                    render(
                            "{{ 'iI'|upper }} {{ 'iI'|lower }} {{ 'iI'|capitalize }} {{ 'ii'|title }}"
                                    + " {{ 'iI'.upper() }} [{{ 'xxaxx'|trim('x') }}]"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void lstripBlocksOnlyStripsFromTheStartOfALine() {
        assertEquals(
                "a b|x\nb", render("a {% if true %}b{% endif %}|x\n  {% if true %}b{% endif %}"));
    }

    @Test
    void namespaceLoopControlsAndMappings() {
        assertEquals(
                "2",
                render(
                        "{% set ns = namespace(last=messages|length - 1) %}"
                                + "{% for m in messages %}{% if m.role == 'user' %}"
                                + "{% set ns.last = loop.index0 %}{% endif %}{% endfor %}"
                                + "{{ ns.last + 1 }}"));
        assertEquals(
                "13",
                render(
                        "{% for x in xs %}{% if x == 2 %}{% continue %}{% endif %}"
                                + "{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}"));
        assertEquals(
                "k=v v dflt yes",
                render(
                        "{% for k, v in d.items() %}{{ k }}={{ v }}{% endfor %} {{ d.get('k') }} "
                                + "{{ d.get('z', 'dflt') }} {% if 'k' in d and 'ell' in 'hello' %}yes{% endif %}"));
    }

    @Test
    void generationBlockRecordsSpans() {
        ChatTemplate t =
                ChatTemplate.of(
                        "gen",
                        "{% for m in messages %}<{{ m.role }}>{% if m.role == 'assistant' %}"
                                + "{% generation %}{{ m.content }}!{% endgeneration %}"
                                + "{% else %}{{ m.content }}{% endif %}{% endfor %}");
        assertTrue(t.hasGenerationBlock());
        ChatRendering r = t.render(TemplateInputs.builder().setMessages(CHAT).build());
        assertEquals(1, r.generationSpans().size());
        Span s = r.generationSpans().get(0);
        assertEquals(CHAT.get(2).get("content") + "!", r.text().substring(s.start(), s.end()));
        assertTrue(r.text().endsWith("!"));
    }

    @Test
    void raiseExceptionGivesPythonMessage() {
        ChatTemplateException e =
                assertThrows(
                        ChatTemplateException.class,
                        () ->
                                render(
                                        "ok\n{% if messages|length > 1 %}{{ raise_exception('too many') }}{% endif %}"));
        assertEquals("TemplateError: too many", e.getMessage());
        assertEquals(ChatTemplateException.TEMPLATE_ERROR, e.kind());
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        ChatTemplateException e =
                assertThrows(
                        ChatTemplateException.class,
                        () ->
                                render(
                                        "line one\n{{ messages[0].content }}\n  {% if x == %}y{% endif %}"));
        assertEquals(ChatTemplateException.SYNTAX_ERROR, e.kind());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("line 3, column 3"), e.getMessage());
    }

    @Test
    void jinjaFiltersJinjavaLacksAndUnknownFilters() {
        assertEquals("4 1 c", render("{{ xs|max }} {{ xs|min }} {{ ['b', 'A', 'c']|max }}"));
        ChatTemplateException e =
                assertThrows(
                        ChatTemplateException.class,
                        () -> ChatTemplate.of("t", "ok\n{{ '<|im_start|>' }}{{ x | shout }}"));
        assertEquals(
                "TemplateAssertionError: No filter named 'shout'. (template line 2, column 21)",
                e.getMessage());
        ChatTemplateException stray =
                assertThrows(ChatTemplateException.class, () -> render("a{% endif %}"));
        assertEquals(ChatTemplateException.SYNTAX_ERROR, stray.kind());
    }

    @Test
    void undefinedIsEmptyUnlessStrict() {
        String source = "[{{ who }}]{% if who is defined %}!{% endif %}";
        assertEquals("[]", ChatTemplate.of("t", source).render(CHAT, false));
        ChatTemplateException e =
                assertThrows(
                        ChatTemplateException.class,
                        () -> ChatTemplate.of("t", source).strict().render(CHAT, false));
        assertEquals(
                "UndefinedError: 'who' is undefined (template line 1, column 2)", e.getMessage());
        assertEquals(
                "[x]",
                ChatTemplate.of("t", "[{{ m }}]")
                        .strict()
                        .render(
                                TemplateInputs.builder()
                                        .setMessages(CHAT)
                                        .optVariable("m", "x")
                                        .build())
                        .text());
    }

    @Test
    void templatesWithoutGenerationBlockSaySo() {
        assertFalse(ChatTemplateLibrary.builtin("chatml").hasGenerationBlock());
    }
}
