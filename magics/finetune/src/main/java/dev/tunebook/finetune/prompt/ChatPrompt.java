package dev.tunebook.finetune.prompt;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A prompt bound to a format: how a dataset row becomes the text a model is trained on and the
 * prompt it is given at inference. This is what {@code %%prompt} binds in the notebook.
 *
 * <p>Instances are immutable, and thread-safe when their {@link ContextSource} is.
 */
public final class ChatPrompt {

    private final PromptSpec spec;
    private final PromptFormat format;
    private final ContextSource context;

    /** Creates a prompt from its row mapping and its format. */
    public ChatPrompt(PromptSpec spec, PromptFormat format) {
        this(spec, format, null);
    }

    private ChatPrompt(PromptSpec spec, PromptFormat format, ContextSource context) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.format = Objects.requireNonNull(format, "format");
        this.context = context;
    }

    /**
     * Returns this prompt with columns that {@code source} adds to every row before the
     * placeholders are filled ({@code {context}} from a retriever): training, evaluation and
     * inference all see them.
     */
    public ChatPrompt withContext(ContextSource source) {
        return new ChatPrompt(spec, format, Objects.requireNonNull(source, "source"));
    }

    /** Returns the source of added columns, if any. */
    public Optional<ContextSource> context() {
        return Optional.ofNullable(context);
    }

    /** Returns the columns a row must have: those the placeholders use, less the added ones. */
    public Set<String> requiredColumns() {
        Set<String> columns = new LinkedHashSet<>(spec.columns());
        if (context != null) {
            columns.removeAll(context.columns());
        }
        return columns;
    }

    /** Returns {@code row} with the context source's columns added. */
    public Map<String, ?> rowWithContext(Map<String, ?> row) {
        if (context == null) {
            return row;
        }
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.putAll(context.values(row));
        return out;
    }

    /** Returns how rows map to messages. */
    public PromptSpec spec() {
        return spec;
    }

    /** Returns the template and its variables. */
    public PromptFormat format() {
        return format;
    }

    /**
     * Renders one row for training and inference.
     *
     * @throws IllegalArgumentException if a placeholder names no column of the row
     * @throws ChatTemplateException if the template raises for the conversation
     */
    public PromptRendering render(Map<String, ?> row) {
        return format.render(spec.messages(rowWithContext(row)));
    }

    /** Returns the prompt for one row as the model is given it at inference. */
    public String inferencePrompt(Map<String, ?> row) {
        return render(row).inferencePrompt();
    }

    @Override
    public String toString() {
        return "ChatPrompt["
                + format.template().name()
                + ", "
                + spec
                + (context == null ? "" : ", context " + context)
                + "]";
    }
}
