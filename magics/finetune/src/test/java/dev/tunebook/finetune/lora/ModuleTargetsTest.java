package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which modules a config adapts: {@code all-linear}, patterns and names, as PEFT selects them. */
class ModuleTargetsTest {
    private static final Path MODELS = TestModels.fixtures("models");

    @Test
    void allLinearSkipsTheOutputHead() throws IOException {
        Set<String> llama =
                adapted(
                        "tiny-llama",
                        LoraConfig.builder()
                                .setRank(2)
                                .setTargetModules(List.of("all-linear"))
                                .build());
        assertEquals(2 * 7, llama.size(), llama.toString());
        assertTrue(llama.stream().noneMatch(n -> n.endsWith("lm_head")), llama.toString());
        assertTrue(llama.contains("model.layers.1.mlp.down_proj"), llama.toString());
        Set<String> gpt2 =
                adapted(
                        "tiny-gpt2",
                        LoraConfig.builder()
                                .setRank(2)
                                .setTargetModules(List.of("all-linear"))
                                .build());
        assertTrue(gpt2.contains("transformer.h.0.mlp.c_fc"), gpt2.toString());
        assertEquals(2 * 4, gpt2.size(), gpt2.toString());
    }

    @Test
    void patternMustMatchTheWholeName() throws IOException {
        LoraConfig config =
                LoraConfig.builder()
                        .setRank(2)
                        .setTargetPattern(".*\\.1\\.self_attn\\.(q|v)_proj")
                        .build();
        assertEquals(
                Set.of("model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"),
                adapted("tiny-llama", config));
    }

    @Test
    void namesMatchWholeDottedSuffixes() throws IOException {
        LoraConfig config =
                LoraConfig.builder().setRank(2).setTargetModules(List.of("mlp.c_proj")).build();
        assertEquals(
                Set.of("transformer.h.0.mlp.c_proj", "transformer.h.1.mlp.c_proj"),
                adapted("tiny-gpt2", config));
    }

    @Test
    void withoutTargetsPeftDefaultsForTheModelType() throws IOException {
        LoraConfig none = LoraConfig.builder().setRank(2).build();
        assertEquals(
                Set.of("transformer.h.0.attn.c_attn", "transformer.h.1.attn.c_attn"),
                adapted("tiny-gpt2", none));
        Set<String> llama = adapted("tiny-llama", none);
        assertEquals(4, llama.size(), llama.toString());
        assertTrue(llama.contains("model.layers.0.self_attn.v_proj"), llama.toString());
    }

    private static Set<String> adapted(String model, LoraConfig config) throws IOException {
        try (LanguageModel base = LanguageModel.load(MODELS.resolve(model), Device.cpu())) {
            return Set.copyOf(LoraModel.apply(base, config, 0).adaptedModules().keySet());
        }
    }
}
