package dev.tunebook.magics;

import dev.tunebook.finetune.prompt.ChatPrompt;
import dev.tunebook.finetune.prompt.ChatTemplate;
import dev.tunebook.finetune.prompt.ChatTemplateLibrary;
import dev.tunebook.finetune.prompt.ModelFormatCheck;
import dev.tunebook.finetune.prompt.PromptFormat;
import dev.tunebook.finetune.prompt.PromptPreview;
import dev.tunebook.finetune.prompt.PromptSpec;
import dev.tunebook.kernel.Magic;
import dev.tunebook.kernel.MagicContext;
import dev.tunebook.kernel.MagicSpec;
import dev.tunebook.kernel.MagicUsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code %%prompt [--template NAME|model|PATH] [--name NAME] [--max-length N] [--rows N]}: binds a
 * {@link ChatPrompt} built from the cell body and shows the first rows rendered with the chat
 * template, trained part marked, with token counts over the dataset.
 */
public final class PromptMagic implements Magic {

    /** The usage text: synopsis, then explanation. */
    public static final String USAGE =
            "%%prompt [--template NAME|model|PATH] [--name NAME] [--max-length N] [--rows N]"
                    + " [--context IDX [--k N] [--query COL]]\n"
                    + "Maps each dataset row to a conversation, one turn per line:\n"
                    + "  system: You label the sentiment of reviews as positive or negative.\n"
                    + "  user: Review: {text}\n"
                    + "  assistant: {label}\n"
                    + "{column} is the row's value; {{ and }} are literal braces. Lines without a"
                    + " role continue the turn.\n"
                    + "--template: a built-in ("
                    + String.join(", ", ChatTemplateLibrary.builtinNames())
                    + "), 'model' for the loaded model's own template (the default when a model"
                    + " is loaded), or a model folder, .jinja or tokenizer_config.json file.\n"
                    + "--name: the notebook variable to bind (default prompt).\n"
                    + "--max-length: report rows longer than N tokens (default: the model's"
                    + " context length). --rows: rows shown"
                    + " (default 3).\n"
                    + PromptContext.USAGE;

    private final PromptSources sources;

    /** Creates the magic over the notebook's dataset and model. */
    public PromptMagic(PromptSources sources) {
        this.sources = sources;
    }

    /** Returns this magic's registration, for the extension that wires magics. */
    public static MagicSpec spec(PromptSources sources) {
        return MagicSpec.cell("prompt", USAGE, new PromptMagic(sources));
    }

    @Override
    public Object run(String args, String body, MagicContext context) throws Exception {
        PromptOptions options = PromptOptions.parse(args);
        if (body == null || body.isBlank()) {
            throw new MagicUsageException("%%prompt needs a body: one 'role: text' line per turn");
        }
        PromptSpec spec = PromptSpec.parse(body);
        Optional<Path> modelDir = sources.modelDirectory(context);
        ChatPrompt prompt = new ChatPrompt(spec, format(options.template(), modelDir));
        List<? extends Map<String, ?>> rows = sources.rows(context);
        if (options.context() != null) {
            prompt = PromptContext.attach(prompt, options, rows, context);
        }
        if (!rows.isEmpty()) {
            Set<String> available = new LinkedHashSet<>(rows.get(0).keySet());
            prompt.context().ifPresent(c -> available.addAll(c.columns()));
            spec.requireColumns(available);
        }
        PromptPreview preview =
                PromptPreview.of(
                        prompt,
                        rows,
                        options.rows(),
                        sources.tokenCounter(context),
                        limit(options, context));
        ChatPrompt checked = prompt;
        modelDir.flatMap(dir -> ModelFormatCheck.check(checked, dir))
                .ifPresent(d -> System.err.println("warning: " + d.message()));
        context.bind(options.name(), ChatPrompt.class, prompt);
        return preview;
    }

    /** Returns {@code --max-length}, or else the model's context length, or 0. */
    private int limit(PromptOptions options, MagicContext context) {
        return options.maxLength() > 0 ? options.maxLength() : sources.contextLength(context);
    }

    private static PromptFormat format(String template, Optional<Path> modelDir) {
        PromptFormat.Builder b = PromptFormat.builder();
        if (template == null || template.equals("model")) {
            Path dir =
                    modelDir.orElseThrow(
                            () ->
                                    new MagicUsageException(
                                            "no model is loaded: give --template NAME, one of "
                                                    + ChatTemplateLibrary.builtinNames()));
            return PromptFormat.forModel(dir);
        }
        b.setTemplate(template(template));
        modelDir.ifPresent(b::optSpecialTokensFrom);
        return b.build();
    }

    private static ChatTemplate template(String value) {
        if (ChatTemplateLibrary.builtinNames().contains(value.toLowerCase(Locale.ROOT))) {
            return ChatTemplateLibrary.builtin(value);
        }
        Path path = Path.of(value);
        if (Files.isDirectory(path)) {
            return ChatTemplateLibrary.fromModelDirectory(path);
        }
        if (Files.isRegularFile(path) && value.endsWith(".json")) {
            return ChatTemplateLibrary.fromJsonFile(path, null);
        }
        if (Files.isRegularFile(path)) {
            try {
                return ChatTemplate.of(path.getFileName().toString(), Files.readString(path));
            } catch (IOException e) {
                throw new MagicUsageException("cannot read " + path + ": " + e.getMessage());
            }
        }
        throw new MagicUsageException(
                "--template "
                        + value
                        + ": not a built-in ("
                        + String.join(", ", ChatTemplateLibrary.builtinNames())
                        + "), 'model', or an existing file or folder");
    }
}
