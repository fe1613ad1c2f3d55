package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTemplateLibraryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> references() throws IOException {
        Path file = Fixtures.path("chat_templates/templates.json");
        return JSON.readValue(file.toFile(), new TypeReference<>() {});
    }

    @Test
    void builtinsAreTheReferenceTemplatesExceptOurOwnLlama3() throws IOException {
        Map<String, String> references = references();
        for (String name : ChatTemplateLibrary.builtinNames()) {
            if (!name.equals("llama3")) {
                assertEquals(
                        references.get(name), ChatTemplateLibrary.builtin(name).source(), name);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ownLlama3RendersAsTheReferenceWithAGenerationPrompt() throws IOException {
        ChatTemplate ours = ChatTemplateLibrary.builtin("llama3");
        int compared = 0;
        for (String line :
                Files.readAllLines(Fixtures.path("chat_templates/chat_template_cases.jsonl"))) {
            Map<String, Object> c = JSON.readValue(line, new TypeReference<>() {});
            if (c.get("template").equals("llama3")
                    && Boolean.TRUE.equals(c.get("add_generation_prompt"))) {
                TemplateInputs inputs =
                        TemplateInputs.builder()
                                .setMessages((List<Map<String, Object>>) c.get("messages"))
                                .optAddGenerationPrompt(true)
                                .optBosToken((String) c.get("bos_token"))
                                .build();
                assertEquals(c.get("expected"), ours.render(inputs).text());
                compared++;
            }
        }
        assertTrue(compared > 0);
        String noPrompt = ours.render(List.of(new Message("user", "hi").asMap()), false);
        assertEquals("<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>", noPrompt);
    }

    @Test
    void unknownBuiltinListsTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ChatTemplateLibrary.builtin("vicuna"));
        assertTrue(e.getMessage().contains("chatml"), e.getMessage());
    }

    @Test
    void modelFolderUsesTokenizerConfig() throws IOException {
        ChatTemplate t = ChatTemplateLibrary.fromModelDirectory(Fixtures.path("tokenizers/qwen3"));
        assertEquals(references().get("qwen3"), t.source());
    }

    @Test
    void chatTemplateJinjaWinsOverTokenizerConfig(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"config\"}");
        Files.writeString(dir.resolve("chat_template.jinja"), "file");
        assertEquals("file", ChatTemplateLibrary.fromModelDirectory(dir).source());
    }

    @Test
    void namedTemplatesPickDefaultOrTheNamedOne(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("tokenizer_config.json");
        Files.writeString(
                config,
                "{\"chat_template\": [{\"name\": \"default\", \"template\": \"D\"},"
                        + " {\"name\": \"tool_use\", \"template\": \"T\"}]}");
        assertEquals("D", ChatTemplateLibrary.fromJsonFile(config, null).source());
        assertEquals("T", ChatTemplateLibrary.fromModelDirectory(dir, "tool_use").source());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ChatTemplateLibrary.fromJsonFile(config, "rag"));
        assertTrue(e.getMessage().contains("[default, tool_use]"), e.getMessage());
    }

    @Test
    void folderWithoutTemplateSaysWhereItLooked(@TempDir Path dir) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ChatTemplateLibrary.fromModelDirectory(dir));
        assertTrue(e.getMessage().contains("chat_template.jinja"), e.getMessage());
    }
}
