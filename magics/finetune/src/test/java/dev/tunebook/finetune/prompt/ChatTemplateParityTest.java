package dev.tunebook.finetune.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every case of {@code chat_templates/chat_template_cases.jsonl} and compares it with what
 * transformers' {@code apply_chat_template(..., tokenize=False)} produced: the exact string, or,
 * where the reference raised, an exception with the same message.
 */
class ChatTemplateParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyCaseRendersAsTransformersDoes() throws IOException {
        Path dir = Fixtures.path("chat_templates");
        Map<String, String> templates =
                JSON.readValue(dir.resolve("templates.json").toFile(), new TypeReference<>() {});
        List<String> lines = Files.readAllLines(dir.resolve("chat_template_cases.jsonl"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Map<String, Object> c = JSON.readValue(lines.get(i), new TypeReference<>() {});
            String name =
                    "line "
                            + (i + 1)
                            + ": "
                            + c.get("template")
                            + " "
                            + c.get("conversation")
                            + " agp="
                            + c.get("add_generation_prompt")
                            + " "
                            + c.get("extra");
            tests.add(DynamicTest.dynamicTest(name, () -> check(templates, c)));
        }
        assertFalse(tests.isEmpty(), "no cases in " + dir);
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, String> templates, Map<String, Object> c) {
        String source = templates.get((String) c.get("template"));
        assertNotNull(source, "templates.json has no template " + c.get("template"));
        TemplateInputs.Builder inputs =
                TemplateInputs.builder()
                        .setMessages((List<Map<String, Object>>) c.get("messages"))
                        .optAddGenerationPrompt((Boolean) c.get("add_generation_prompt"))
                        .optBosToken((String) c.get("bos_token"))
                        .optEosToken((String) c.get("eos_token"));
        ((Map<String, Object>) c.getOrDefault("extra", Map.of())).forEach(inputs::optVariable);
        ChatTemplate template = ChatTemplate.of((String) c.get("template"), source);
        if (c.containsKey("error")) {
            ChatTemplateException e =
                    assertThrows(
                            ChatTemplateException.class, () -> template.render(inputs.build()));
            assertEquals(c.get("error"), e.getMessage());
        } else {
            assertEquals(c.get("expected"), template.render(inputs.build()).text());
        }
    }
}
