package dev.tunebook.finetune.prompt;

import com.hubspot.jinjava.tree.Node;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Hugging Face chat template (Jinja source), rendered exactly as transformers' {@code
 * apply_chat_template(..., tokenize=False)} renders it.
 *
 * <p>Load one with {@link ChatTemplateLibrary} (built-ins, a model folder, {@code
 * tokenizer_config.json}) or wrap a user's own source with {@link #of(String, String)}. Undefined
 * variables render as empty, as in Jinja; {@link #strict()} returns a variant that fails naming the
 * variable instead.
 *
 * <p>Known differences from Jinja, all outside what published chat templates do: {@code {{ none }}}
 * prints nothing rather than {@code None} (jinjava cannot tell None from undefined); {@code 'a' +
 * none} prints {@code anull} where Python raises; string repetition ({@code '-' * 3}), {@code %}
 * formatting and backslash-u escapes in string literals are not supported (they raise); the {@code
 * round} filter returns an integer; tuples print as lists.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ChatTemplate {

    private static final Pattern GENERATION_TAG = Pattern.compile("\\{%-?\\s*generation\\s*-?%}");

    private final String name;
    private final String source;
    private final boolean strict;
    private final Node tree;

    private ChatTemplate(String name, String source, boolean strict) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        Set<String> filters = new TreeSet<>();
        String rewritten = TemplateSourceRewriter.rewrite(source, filters);
        this.strict = strict;
        JinjaEngine engine = engine();
        engine.requireFilters(filters, source);
        this.tree = engine.parse(rewritten, source);
    }

    /**
     * Returns a template for {@code source}, called {@code name} in messages and displays.
     *
     * @throws ChatTemplateException if the template does not parse or uses a filter that does not
     *     exist, as Jinja refuses such a template when compiling it
     */
    public static ChatTemplate of(String name, String source) {
        return new ChatTemplate(name, source, false);
    }

    /** Returns this template failing with an {@code UndefinedError} on undefined variables. */
    public ChatTemplate strict() {
        return new ChatTemplate(name, source, true);
    }

    /** Returns the calling thread's engine: a template renders on any thread (see JinjaEngine). */
    private JinjaEngine engine() {
        return strict ? JinjaEngine.strict() : JinjaEngine.lenient();
    }

    /** Returns the name given at creation (a built-in's name, a file name, or the user's). */
    public String name() {
        return name;
    }

    /** Returns the Jinja source as given. */
    public String source() {
        return source;
    }

    /** Returns whether the template marks assistant output with {@code {% generation %}}. */
    public boolean hasGenerationBlock() {
        return GENERATION_TAG.matcher(source).find();
    }

    /**
     * Renders the template.
     *
     * @throws ChatTemplateException if the template does not parse or raises, with the message
     *     transformers would give
     */
    public ChatRendering render(TemplateInputs inputs) {
        return engine().render(tree, source, inputs.bindings());
    }

    /** Renders {@code messages} with empty special tokens; returns the text only. */
    public String render(List<? extends Map<String, ?>> messages, boolean addGenerationPrompt) {
        return render(
                        TemplateInputs.builder()
                                .setMessages(messages)
                                .optAddGenerationPrompt(addGenerationPrompt)
                                .build())
                .text();
    }

    @Override
    public String toString() {
        return "ChatTemplate[" + name + "]";
    }
}
