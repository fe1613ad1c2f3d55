package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.tunebook.finetune.source.DownloadProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code %model load SOURCE --init random}: the source's architecture with fresh weights, the
 * workshops' "trained from scratch" control.
 */
class FromScratchTest {
    private static final Path FIXTURES =
            Path.of(System.getProperty("tunebook.fixtures", "../fixtures"));

    @Test
    void sameArchitectureAndShapesWithOtherWeightsAndTheSameDrawForTheSameSeed()
            throws IOException {
        String source = FIXTURES.resolve("models/tiny-llama").toString();
        try (LoadedModel pretrained =
                        LoadedModel.load(source, "cpu", "float32", DownloadProgress.NONE);
                LoadedModel scratch =
                        LoadedModel.fromScratch(source, "cpu", 7, DownloadProgress.NONE);
                LoadedModel again =
                        LoadedModel.fromScratch(source, "cpu", 7, DownloadProgress.NONE)) {
            assertTrue(scratch.randomInit());
            assertFalse(pretrained.randomInit());
            assertEquals(pretrained.parameterCount(), scratch.parameterCount());
            assertEquals(pretrained.config().hiddenSize(), scratch.config().hiddenSize());
            assertEquals("tiny-llama (random init)", scratch.displayName());
            assertTrue(scratch.card("m").toString().contains("random init, seed 7"));
            String name = "model.layers.0.self_attn.q_proj.weight";
            float[] trained = values(pretrained.model().weights().get(name));
            float[] fresh = values(scratch.model().weights().get(name));
            assertEquals(trained.length, fresh.length);
            assertFalse(Arrays.equals(trained, fresh), "the weights are drawn, not loaded");
            assertTrue(
                    Arrays.equals(fresh, values(again.model().weights().get(name))),
                    "the same seed draws the same weights");
        }
    }

    @Test
    void anArchitectureWithoutRandomInitialisationIsNamed() {
        String source = FIXTURES.resolve("models/tiny-gpt2").toString();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LoadedModel.fromScratch(source, "cpu", 1, DownloadProgress.NONE));
        assertTrue(e.getMessage().contains("gpt2"), e.getMessage());
    }

    private static float[] values(NDArray array) {
        return array.toFloatArray();
    }
}
