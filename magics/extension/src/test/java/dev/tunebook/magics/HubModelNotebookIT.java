package dev.tunebook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.bench.llm.ShapeFolder;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.source.HubTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TUNEBOOK_LM=hf:ORG/NAME} runs a generative notebook's cells on a hub model instead of the
 * embedded one: notebook 03, in quick mode, with the headless runner in its own process (the
 * notebook reads {@code TUNEBOOK_LM}, the loader {@code HF_ENDPOINT} and {@code HF_HOME}, from the
 * environment), against a hub served on 127.0.0.1. The model is a Llama 2 chat model in the hub's
 * layout (the real Llama 2 tokenizer of 32,000 tokens and its chat template) with two small random
 * layers, in two safetensors shards with an index, as the hub holds larger checkpoints. (A Qwen2
 * with Qwen's 151,936-token vocabulary ran the same cells, but its output layer made the three
 * quick fine-tunes take most of an hour on a busy 2-core machine.)
 */
class HubModelNotebookIT {
    private static final String REPO = "tunebook-test/tiny-llama-chat";

    private static final String CONFIG =
            """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_act": "silu",
             "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
             "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 1024,
             "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "tie_word_embeddings": false,
             "vocab_size": 32000, "bos_token_id": 1, "eos_token_id": 2,
             "torch_dtype": "bfloat16"}
            """;

    @TempDir Path dir;

    @Test
    void notebook03RunsOnAHubModel() throws Exception {
        Path model =
                ShapeFolder.write(
                        dir.resolve("hub/tiny-llama-chat"),
                        CONFIG,
                        3L << 20,
                        TestModels.fixtures("tokenizers/llama2"),
                        7);
        // Llama 2's tokenizer with its chat template, as a chat model's folder holds it
        ObjectMapper json = new ObjectMapper();
        ObjectNode tokenizerConfig =
                (ObjectNode) json.readTree(model.resolve("tokenizer_config.json").toFile());
        tokenizerConfig.put(
                "chat_template",
                json.readTree(
                                TestModels.fixtures("chat_templates")
                                        .resolve("templates.json")
                                        .toFile())
                        .get("llama2")
                        .asText());
        Files.writeString(model.resolve("tokenizer_config.json"), tokenizerConfig.toString());
        Files.writeString(
                model.resolve("generation_config.json"),
                "{\"bos_token_id\": 1, \"eos_token_id\": 2}");
        assertTrue(Files.exists(model.resolve("model.safetensors.index.json")), "two shards");
        Path notebooks = dir.resolve("notebooks");
        NotebooksIT.copyTree(
                Path.of(System.getProperty("tunebook.root", "../..")).resolve("notebooks"),
                notebooks);
        Path executed = dir.resolve("03-executed.ipynb");
        Path log = dir.resolve("run.log");
        try (HubTestServer hub = new HubTestServer()) {
            hub.serve(REPO, model);
            ProcessBuilder run =
                    new ProcessBuilder(
                                    javaCommand(),
                                    "-cp",
                                    classpath(),
                                    "dev.tunebook.kernel.Main",
                                    "run",
                                    "03-open-ended.ipynb",
                                    "--output",
                                    executed.toString())
                            .directory(notebooks.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile());
            run.environment().put("TUNEBOOK_QUICK", "1");
            run.environment().put("TUNEBOOK_LM", "hf:" + REPO);
            run.environment().put("HF_ENDPOINT", hub.endpoint().toString());
            run.environment().put("HF_HOME", dir.resolve("hf-home").toString());
            run.environment().remove("HF_HUB_OFFLINE");
            Process process = run.start();
            // a guard against a hung run, not a timing: quick mode takes minutes
            boolean ended = process.waitFor(40, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.println(output);
            assertTrue(ended, "the run did not end within 40 minutes");
            assertEquals(0, process.exitValue(), "tunebook run failed:\n" + tail(output));
            assertTrue(
                    hub.requests().stream().anyMatch(r -> r.contains("model.safetensors.index")),
                    "the model came from the hub: " + hub.requests());
        }
        JsonNode cells = new ObjectMapper().readTree(executed.toFile()).get("cells");
        String first = "";
        for (JsonNode cell : cells) {
            if ("code".equals(cell.path("cell_type").asText())) {
                first = cell.path("outputs").toString();
                break;
            }
        }
        assertTrue(first.contains("quick run on hf:" + REPO), "first code cell: " + first);
        List<String> errors = new ArrayList<>();
        cells.forEach(
                c ->
                        c.path("outputs")
                                .forEach(
                                        o -> {
                                            if ("error".equals(o.path("output_type").asText())) {
                                                errors.add(c.path("id").asText());
                                            }
                                        }));
        assertEquals(List.of(), errors, "cells with errors");
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test class path as the test JVM has it (Surefire/Failsafe name it apart). */
    private static String classpath() {
        String full = System.getProperty("surefire.test.class.path");
        return full != null && !full.isBlank() ? full : System.getProperty("java.class.path");
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
