package dev.tunebook.finetune.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.weights.ModelConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RotaryEmbeddingTest {
    private static final String LLAMA =
            "{\"model_type\":\"llama\",\"vocab_size\":10,\"hidden_size\":64,"
                    + "\"num_hidden_layers\":1,\"num_attention_heads\":1,"
                    + "\"intermediate_size\":8,\"max_position_embeddings\":64,"
                    + "\"rope_theta\":500000.0,%s}";

    @Test
    void standardTableIsCosAndSinOfPositionTimesFrequency() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList table = RotaryEmbedding.standard(4, 100).table(manager, 3, 2);
            float[] cos = table.get(0).toFloatArray();
            // position 3, frequency index 1: 1 / 100^(2/4) = 0.1
            assertEquals(Math.cos(0.3), cos[1], 1e-6);
            assertEquals(Math.cos(0.3), cos[3], 1e-6);
            assertEquals(Math.sin(4), table.get(1).toFloatArray()[4], 1e-6);
        }
    }

    @Test
    void rotationPreservesTheNormOfEachHead() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new ai.djl.ndarray.types.Shape(1, 2, 3, 8));
            NDArray rotated =
                    RotaryEmbedding.apply(
                            x, RotaryEmbedding.standard(8, 10000).table(manager, 5, 3));
            float before = x.square().sum().getFloat();
            assertEquals(before, rotated.square().sum().getFloat(), 1e-4 * before);
        }
    }

    @Test
    void llama3ScalingKeepsHighAndDividesLowFrequencies() throws Exception {
        String rope =
                "\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":32.0,"
                        + "\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,"
                        + "\"original_max_position_embeddings\":8192}";
        ModelConfig scaled = config(String.format(LLAMA, rope));
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] s =
                    RotaryEmbedding.fromConfig(scaled).table(manager, 1, 1).get(1).toFloatArray();
            float[] u =
                    RotaryEmbedding.standard(64, 500000).table(manager, 1, 1).get(1).toFloatArray();
            assertEquals(u[0], s[0], 1e-7, "highest frequency unchanged");
            assertEquals(u[31] / 32, s[31], 1e-9, "lowest frequency divided by the factor");
            assertTrue(s[20] < u[20], "mid frequencies are scaled down");
        }
    }

    @Test
    void llama3MidFrequenciesFollowTransformersSmoothing() throws Exception {
        // Llama-3.2-1B's scaling; the expected values are transformers'
        // _compute_llama3_parameters worked out by hand in double precision: for head_dim 64 and
        // theta 500000, frequencies 15 to 17 lie between the wavelengths 8192/4 and 8192/1, where
        // smooth = (8192 / wavelength - 1) / 3 and f = (1 - smooth) * f0 / 32 + smooth * f0.
        String rope =
                "\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":32.0,"
                        + "\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,"
                        + "\"original_max_position_embeddings\":8192}";
        ModelConfig scaled = config(String.format(LLAMA, rope));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList table = RotaryEmbedding.fromConfig(scaled).table(manager, 100, 1);
            float[] cos = table.get(0).toFloatArray();
            float[] sin = table.get(1).toFloatArray();
            assertEquals(0.12869685343017226, sin[15], 1e-6, "sin(100 f15)");
            assertEquals(0.04294247063992683, sin[16], 1e-6, "sin(100 f16)");
            assertEquals(0.00970813530094677, sin[17], 1e-6, "sin(100 f17)");
            assertEquals(0.9916839818798995, cos[15], 1e-6, "cos(100 f15)");
            assertEquals(sin[16], sin[16 + 32], 0, "second half repeats the first");
        }
    }

    @Test
    void unsupportedRopeTypeIsNamed() throws Exception {
        ModelConfig yarn =
                config(
                        String.format(
                                LLAMA, "\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":4.0}"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> RotaryEmbedding.fromConfig(yarn));
        assertTrue(e.getMessage().contains("yarn"), e.getMessage());
    }

    @Test
    void mistralUsesItsSlidingWindow() throws Exception {
        String mistral =
                String.format(LLAMA, "\"sliding_window\":4096").replace("llama", "mistral");
        assertEquals(4096, config(mistral).slidingWindow());
        assertEquals(0, config(String.format(LLAMA, "\"sliding_window\":4096")).slidingWindow());
    }

    private static ModelConfig config(String json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json);
        return ModelConfig.parse(root, Path.of("config.json"));
    }
}
