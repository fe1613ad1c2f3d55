package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.weights.ModelConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomWeightsTest {
    static final LlamaShape SHAPE = new LlamaShape(300, 64, 2, 4, 2, 96, 64);

    @Test
    void matricesAreDrawnWithTheInitializerRangeAndNormsStartAtOne() {
        ModelConfig config = SHAPE.toConfig(List.of(0, 2), 3);
        try (CausalLanguageModel a = RandomWeights.create(config, Device.cpu(), 7, 0.02);
                CausalLanguageModel b = RandomWeights.create(config, Device.cpu(), 7, 0.02);
                CausalLanguageModel c = RandomWeights.create(config, Device.cpu(), 8, 0.02)) {
            Map<String, ai.djl.ndarray.NDArray> weights = a.weights();
            assertEquals(
                    SHAPE.parameterCount(),
                    weights.values().stream().mapToLong(w -> w.getShape().size()).sum());
            assertFalse(weights.containsKey("lm_head.weight"));
            float[] embed = weights.get("model.embed_tokens.weight").toFloatArray();
            double sumSq = 0;
            for (float v : embed) {
                sumSq += v * v;
            }
            assertEquals(0.02, Math.sqrt(sumSq / embed.length), 0.001);
            for (float v : weights.get("model.layers.1.input_layernorm.weight").toFloatArray()) {
                assertEquals(1f, v);
            }
            assertArrayEquals(
                    weights.get("model.layers.0.self_attn.q_proj.weight").toFloatArray(),
                    b.weights().get("model.layers.0.self_attn.q_proj.weight").toFloatArray());
            assertFalse(
                    java.util.Arrays.equals(
                            embed, c.weights().get("model.embed_tokens.weight").toFloatArray()));
            assertTrue(a.weights().values().stream().allMatch(w -> w.hasGradient()));
        }
    }

    @Test
    void shapesThatDoNotFitAreNamed() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new LlamaShape(300, 64, 2, 4, 3, 96, 64));
        assertEquals("kv heads (3) must divide heads (4)", e.getMessage());
    }
}
