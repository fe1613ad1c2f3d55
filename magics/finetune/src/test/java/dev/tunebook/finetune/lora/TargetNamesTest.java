package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetNamesTest {
    @Test
    void attentionTargetsMapBetweenBertLlamaAndGpt2() {
        assertEquals(
                List.of("q_proj", "v_proj"), TargetNames.map(List.of("query", "value"), "qwen2"));
        assertEquals(
                List.of("query", "value"), TargetNames.map(List.of("q_proj", "v_proj"), "bert"));
        assertEquals(List.of("c_attn"), TargetNames.map(List.of("query", "value"), "gpt2"));
        assertEquals(
                List.of("q_proj", "k_proj", "v_proj"), TargetNames.map(List.of("c_attn"), "llama"));
        assertEquals(List.of("query", "key", "value"), TargetNames.map(List.of("c_attn"), "bert"));
        assertEquals(List.of("query", "value"), TargetNames.map(List.of("query", "value"), "bert"));
        assertEquals(List.of("c_fc"), TargetNames.map(List.of("up_proj"), "gpt2"));
    }

    @Test
    void aPartTheOtherArchitectureLacksIsNamedInTheError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TargetNames.map(List.of("q_proj", "o_proj"), "bert"));
        assertTrue(e.getMessage().contains("o_proj (attention output)"), e.getMessage());
        assertTrue(e.getMessage().contains("[key, query, value]"), e.getMessage());
    }

    @Test
    void anUnknownModelTypeOrTargetNameIsAnError() {
        IllegalArgumentException type =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TargetNames.map(List.of("query"), "t5"));
        assertTrue(type.getMessage().contains("'t5'"), type.getMessage());
        IllegalArgumentException name =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TargetNames.map(List.of("dense"), "llama"));
        assertTrue(name.getMessage().contains("dense"), name.getMessage());
    }
}
