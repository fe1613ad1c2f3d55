package dev.tunebook.finetune.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where chat templates come from: the built-in formats, a model folder ({@code
 * chat_template.jinja}, {@code chat_template.json} or {@code tokenizer_config.json}), or a
 * tokenizer config's named templates.
 *
 * <p>The built-ins are {@code chatml}, {@code llama2}, {@code llama3}, {@code mistral}, {@code
 * zephyr}, {@code alpaca}, {@code gemma} and {@code qwen3}. {@code llama3} is tunebook's own
 * template for Meta's published Llama 3 format, not the one in Llama 3's files (those are under the
 * Llama 3 Community License); unlike the first published one it honours {@code
 * add_generation_prompt}.
 */
public final class ChatTemplateLibrary {

    private static final List<String> BUILT_INS =
            List.of("chatml", "llama2", "llama3", "mistral", "zephyr", "alpaca", "gemma", "qwen3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatTemplateLibrary() {}

    /** Returns the names of the built-in templates. */
    public static List<String> builtinNames() {
        return BUILT_INS;
    }

    /**
     * Returns a built-in template by name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known templates if there is none by that name
     */
    public static ChatTemplate builtin(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (!BUILT_INS.contains(key)) {
            throw new IllegalArgumentException(
                    "no built-in chat template '" + name + "'; built-ins: " + BUILT_INS);
        }
        String resource = "templates/" + key + ".jinja";
        try (InputStream in = ChatTemplateLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return ChatTemplate.of(key, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the model folder's default template; see {@link #fromModelDirectory(Path, String)}.
     */
    public static ChatTemplate fromModelDirectory(Path dir) {
        return fromModelDirectory(dir, null);
    }

    /**
     * Returns a model folder's chat template, looked up as transformers does: {@code
     * additional_chat_templates/NAME.jinja} for a named one, then {@code chat_template.jinja}, then
     * {@code chat_template.json}, then {@code chat_template} in {@code tokenizer_config.json}.
     *
     * @param name a named template, or null for the default
     * @throws IllegalArgumentException naming the folder and the files looked at if none is found
     */
    public static ChatTemplate fromModelDirectory(Path dir, String name) {
        if (name != null && !name.equals("default")) {
            Path extra = dir.resolve("additional_chat_templates").resolve(name + ".jinja");
            if (Files.isRegularFile(extra)) {
                return ChatTemplate.of(name, read(extra));
            }
        }
        Path jinja = dir.resolve("chat_template.jinja");
        if ((name == null || name.equals("default")) && Files.isRegularFile(jinja)) {
            return ChatTemplate.of(dir.getFileName() + "/chat_template.jinja", read(jinja));
        }
        Path processor = dir.resolve("chat_template.json");
        if ((name == null || name.equals("default")) && Files.isRegularFile(processor)) {
            return fromJsonFile(processor, name);
        }
        Path config = dir.resolve("tokenizer_config.json");
        if (Files.isRegularFile(config)) {
            return fromJsonFile(config, name);
        }
        throw new IllegalArgumentException(
                "no chat template in "
                        + dir
                        + ": none of chat_template.jinja, chat_template.json, tokenizer_config.json");
    }

    /**
     * Returns the {@code chat_template} field of a JSON file such as {@code tokenizer_config.json}:
     * a string, or a list of {@code {name, template}} objects from which {@code name} (or {@code
     * default} when null) is picked.
     *
     * @throws IllegalArgumentException naming the file, the field, and the names on offer
     */
    public static ChatTemplate fromJsonFile(Path file, String name) {
        JsonNode field;
        try {
            field = JSON.readTree(file.toFile()).get("chat_template");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String label = file.getParent() == null ? "" : file.getParent().getFileName() + "/";
        if (field == null || field.isNull()) {
            throw new IllegalArgumentException(file + " has no chat_template field");
        }
        if (field.isTextual()) {
            if (name != null && !name.equals("default")) {
                throw new IllegalArgumentException(
                        file + ": chat_template is a single template, there is no '" + name + "'");
            }
            return ChatTemplate.of(label + file.getFileName(), field.asText());
        }
        return pickNamed(file, field, name == null ? "default" : name, label);
    }

    private static ChatTemplate pickNamed(Path file, JsonNode list, String name, String label) {
        if (!list.isArray()) {
            throw new IllegalArgumentException(
                    file + ": chat_template must be a string or a list of {name, template}");
        }
        Set<String> names = new TreeSet<>();
        for (JsonNode entry : list) {
            String entryName = entry.path("name").asText(null);
            JsonNode template = entry.get("template");
            if (entryName == null || template == null || !template.isTextual()) {
                throw new IllegalArgumentException(
                        file + ": every chat_template entry needs a name and a template string");
            }
            if (entryName.equals(name)) {
                return ChatTemplate.of(label + name, template.asText());
            }
            names.add(entryName);
        }
        throw new IllegalArgumentException(
                file
                        + " has no chat template named '"
                        + name
                        + "'; it has "
                        + new ArrayList<>(names));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
