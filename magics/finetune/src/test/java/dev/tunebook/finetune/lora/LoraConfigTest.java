package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adapter_config.json} read and written as PEFT does, with PEFT's target matching. */
class LoraConfigTest {
    @TempDir Path temp;

    @Test
    void readsEveryFixtureConfig() throws IOException {
        for (Path adapter : AdapterFixtures.folders()) {
            LoraConfig config = LoraConfig.read(adapter.resolve(LoraModel.CONFIG_FILE));
            assertEquals(4, config.rank(), adapter.toString());
            assertEquals(2.0, config.scaling(), 0, adapter.toString());
            assertEquals("CAUSAL_LM", config.taskType());
            assertFalse(config.targetModules().isEmpty());
        }
    }

    @Test
    void writesWhatPeftReads() throws IOException {
        LoraConfig config =
                LoraConfig.builder()
                        .setRank(8)
                        .setTargetModules(List.of("query", "value"))
                        .optAlpha(16)
                        .optDropout(0.1)
                        .optTaskType("SEQ_CLS")
                        .optBaseModel("sentence-transformers/all-MiniLM-L6-v2")
                        .build();
        Path file = temp.resolve("adapter_config.json");
        config.write(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("LORA", json.get("peft_type").asText());
        assertEquals(8, json.get("r").asInt());
        assertEquals(16, json.get("lora_alpha").asInt());
        assertTrue(json.get("lora_alpha").isIntegralNumber());
        assertEquals("none", json.get("bias").asText());
        assertEquals("[\"classifier\",\"score\"]", json.get("modules_to_save").toString());
        LoraConfig back = LoraConfig.read(file);
        assertEquals(List.of("query", "value"), back.targetModules());
        assertEquals(0.1, back.dropout(), 0);
        assertEquals(List.of("classifier", "score"), back.modulesToSave());
        assertEquals(config.baseModel(), back.baseModel());
    }

    @Test
    void matchesTargetsAsPeft() {
        LoraConfig names =
                LoraConfig.builder()
                        .setRank(4)
                        .setTargetModules(List.of("q_proj", "attn.c_attn"))
                        .build();
        assertTrue(names.targets("model.layers.0.self_attn.q_proj", false));
        assertTrue(names.targets("q_proj", false));
        assertFalse(names.targets("model.layers.0.self_attn.xq_proj", false));
        assertTrue(names.targets("transformer.h.1.attn.c_attn", false));
        assertFalse(names.targets("transformer.h.1.crossattn.c_attn", false));
        LoraConfig pattern =
                LoraConfig.builder().setRank(4).setTargetPattern(".*layers\\.1\\..*_proj").build();
        assertTrue(pattern.targets("model.layers.1.self_attn.v_proj", false));
        assertFalse(pattern.targets("model.layers.0.self_attn.v_proj", false));
        assertEquals(Optional.of(".*layers\\.1\\..*_proj"), pattern.targetPattern());
        LoraConfig all =
                LoraConfig.builder().setRank(4).setTargetModules(List.of("all-linear")).build();
        assertTrue(all.targets("model.layers.0.mlp.up_proj", false));
        assertFalse(all.targets("lm_head", true));
    }

    @Test
    void patternAndAllLinearSurviveWriting() throws IOException {
        Path file = temp.resolve("a.json");
        LoraConfig.builder().setRank(2).setTargetPattern(".*q_proj").build().write(file);
        assertEquals(Optional.of(".*q_proj"), LoraConfig.read(file).targetPattern());
        LoraConfig.builder().setRank(2).setTargetModules(List.of("all-linear")).build().write(file);
        assertEquals(
                "\"all-linear\"",
                new ObjectMapper().readTree(file.toFile()).get("target_modules").toString());
        assertEquals(List.of("all-linear"), LoraConfig.read(file).targetModules());
    }

    @Test
    void badConfigsNameTheFileAndField() throws IOException {
        assertError("{\"r\": 4, \"target_modules\": [\"q\"], \"bias\": \"all\"}", "bias");
        assertError("{\"r\": 4, \"target_modules\": [\"q\"], \"use_dora\": true}", "use_dora");
        assertError("{\"r\": \"four\", \"target_modules\": [\"q\"]}", "field r");
        assertError("{\"r\": 4, \"target_modules\": 5}", "target_modules");
        assertError("{\"r\": 4, \"target_modules\": [1]}", "target_modules");
        assertError("{\"r\": 4, \"target_modules\": [\"q\"], \"peft_type\": \"IA3\"}", "peft_type");
        assertError(
                "{\"r\": 4, \"target_modules\": [\"q\"], \"rank_pattern\": {\"q\": 8}}",
                "rank_pattern");
        assertError("{\"r\": 4, ", "not valid JSON");
        assertError("[]", "JSON object");
        WeightsFormatException missing =
                assertThrows(
                        WeightsFormatException.class,
                        () -> LoraConfig.read(temp.resolve("nothing/adapter_config.json")));
        assertTrue(missing.getMessage().contains("adapter_config.json not found"));
    }

    private void assertError(String json, String fragment) throws IOException {
        Path file = temp.resolve("adapter_config.json");
        Files.writeString(file, json);
        WeightsFormatException e =
                assertThrows(WeightsFormatException.class, () -> LoraConfig.read(file));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void defaultTargetsAreThoseOfPeft() throws IOException {
        LoraConfig none = LoraConfig.builder().setRank(2).build();
        assertEquals(List.of("q_proj", "v_proj"), none.withDefaultTargets("llama").targetModules());
        assertEquals(List.of("c_attn"), none.withDefaultTargets("gpt2").targetModules());
        assertEquals(List.of("query", "value"), none.withDefaultTargets("bert").targetModules());
        assertThrows(IllegalArgumentException.class, () -> none.withDefaultTargets("t5"));
        Path file = temp.resolve("adapter_config.json");
        none.write(file);
        assertTrue(new ObjectMapper().readTree(file.toFile()).get("target_modules").isNull());
        assertFalse(LoraConfig.read(file).hasTargets());
    }

    @Test
    void builderRequiresRank() {
        assertThrows(IllegalArgumentException.class, () -> LoraConfig.builder().setRank(0));
        assertThrows(
                IllegalStateException.class,
                () -> LoraConfig.builder().setTargetModules(List.of("q")).build());
        assertFalse(LoraConfig.builder().setRank(2).build().hasTargets());
        assertThrows(
                IllegalArgumentException.class,
                () -> LoraConfig.builder().setRank(2).optDropout(1.0));
    }
}
