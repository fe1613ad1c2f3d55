package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.Node;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;

/**
 * jinjava configured as transformers configures Jinja for chat templates: {@code trim_blocks},
 * {@code lstrip_blocks}, an immutable sandbox, loop controls, {@code raise_exception}, {@code
 * strftime_now}, its {@code tojson}, the {@code generation} tag, Python's {@code str} methods,
 * slices and printing.
 *
 * <p>Instances are immutable and thread-safe: every render gets its own interpreter.
 */
final class JinjaEngine {

    // One engine per thread: every context below a jinjava global context shares that context's
    // sets of loop ("meta") variables, which a for loop changes as it renders, so renders on two
    // threads under one global context raced (ConcurrentModificationException in ForTag, about one
    // render in 10,000 with 64 threads).
    private static final ThreadLocal<JinjaEngine> LENIENT =
            ThreadLocal.withInitial(() -> new JinjaEngine(false));
    private static final ThreadLocal<JinjaEngine> STRICT =
            ThreadLocal.withInitial(() -> new JinjaEngine(true));

    private static final Object GLOBAL_FUNCTION =
            new Object() {
                @Override
                public String toString() {
                    return "<function>";
                }
            };

    private final Jinjava jinjava;
    private final boolean strict;

    private JinjaEngine(boolean strict) {
        this.strict = strict;
        this.jinjava = new Jinjava(config(strict));
        Context globals = jinjava.getGlobalContext();
        globals.registerFunction(function("raise_exception", "raiseException", Object.class));
        globals.registerFunction(function("strftime_now", "strftimeNow", String.class));
        globals.registerFilter(new ToJsonFilter());
        globals.registerFilter(new SliceFilter());
        globals.registerFilter(new ItemsFilter());
        StringFilter.all().forEach(globals::registerFilter);
        globals.registerFilter(new ExtremeFilter(true));
        globals.registerFilter(new ExtremeFilter(false));
        globals.registerTag(new GenerationTag());
    }

    /**
     * Throws if a filter in {@code names} does not exist, with Jinja's message and the line of its
     * first use in {@code source}.
     */
    void requireFilters(Set<String> names, String source) {
        for (String name : names) {
            if (jinjava.getGlobalContext().getFilter(name) == null) {
                throw unknownFilter(name, source);
            }
        }
    }

    private static ChatTemplateException unknownFilter(String name, String source) {
        Matcher use = Pattern.compile("\\|\\s*" + Pattern.quote(name) + "\\b").matcher(source);
        int line = 0;
        int column = 0;
        if (use.find()) {
            line =
                    1
                            + (int)
                                    source.substring(0, use.start())
                                            .chars()
                                            .filter(c -> c == '\n')
                                            .count();
            column = TemplateErrors.column(source, line, "'" + use.group() + "'");
        }
        String message = "No filter named '" + name + "'.";
        return new ChatTemplateException("TemplateAssertionError", message, line, column);
    }

    /** Returns the engine that renders undefined variables as empty (Jinja's default). */
    static JinjaEngine lenient() {
        return LENIENT.get();
    }

    /** Returns the engine that fails on an undefined variable, naming it. */
    static JinjaEngine strict() {
        return STRICT.get();
    }

    private static JinjavaConfig config(boolean strict) {
        LegacyOverrides overrides =
                LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withKeepNullableLoopValues(true)
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .build();
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethodResolver());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        return JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(false) // TemplateSourceRewriter does it as Jinja does
                .withLegacyOverrides(overrides)
                .withElResolver(resolver)
                .withExecutionMode(PythonExpressionStrategy.MODE)
                .withFailOnUnknownTokens(strict)
                .build();
    }

    private static ELFunctionDefinition function(String name, String method, Class<?> arg) {
        try {
            Method m = TemplateFunctions.class.getMethod(method, arg);
            m.setAccessible(true);
            return new ELFunctionDefinition("", name, m);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses template source already rewritten for jinjava ({@code original} is the user's source,
     * for error locations).
     *
     * @throws ChatTemplateException if the template does not parse
     */
    Node parse(String rewritten, String original) {
        JinjavaInterpreter interpreter = interpreter(Map.of());
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node tree = interpreter.parse(rewritten);
            throwFirst(interpreter.getErrorsCopy(), original);
            return tree;
        } catch (InterpretException e) {
            throw TemplateErrors.translate(e, original);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    /**
     * Renders a parsed template; returns the text with generation markers removed and the spans
     * they enclosed.
     *
     * @throws ChatTemplateException on the first fatal error, as Jinja stops at it
     */
    ChatRendering render(Node tree, String original, Map<String, Object> bindings) {
        Map<String, Object> globals = new HashMap<>(bindings);
        // transformers' globals are variables too: templates test "strftime_now is defined"
        globals.putIfAbsent("strftime_now", GLOBAL_FUNCTION);
        globals.putIfAbsent("raise_exception", GLOBAL_FUNCTION);
        JinjavaInterpreter interpreter = interpreter(globals);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            String output = interpreter.render(tree, true);
            throwFirst(interpreter.getErrorsCopy(), original);
            return extractSpans(output);
        } catch (InterpretException e) {
            throw TemplateErrors.translate(e, original);
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    private JinjavaInterpreter interpreter(Map<String, Object> bindings) {
        JinjavaConfig config = jinjava.getGlobalConfig();
        Context shield = new IsolatedContext(jinjava.getGlobalContext());
        Context context = new Context(shield, bindings, config.getDisabled());
        return new JinjavaInterpreter(jinjava, context, config);
    }

    private void throwFirst(List<TemplateError> errors, String original) {
        for (TemplateError error : errors) {
            ChatTemplateException failure = TemplateErrors.translate(error, strict, original);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static ChatRendering extractSpans(String marked) {
        StringBuilder text = new StringBuilder(marked.length());
        List<Span> spans = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == GenerationTag.OPEN) {
                open.add(text.length());
            } else if (c == GenerationTag.CLOSE && !open.isEmpty()) {
                int start = open.remove(open.size() - 1);
                if (open.isEmpty()) {
                    spans.add(new Span(start, text.length()));
                }
            } else {
                text.append(c);
            }
        }
        return new ChatRendering(text.toString(), spans);
    }
}
