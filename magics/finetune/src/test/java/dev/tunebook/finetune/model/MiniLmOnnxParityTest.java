package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * all-MiniLM-L6-v2 imported from its ONNX file loads as a model folder and saves as a transformers
 * folder that reloads to the same embeddings. Its parity with ONNX Runtime is {@link
 * MavenEncoderParityTest}'s, as for every known Maven encoder.
 */
class MiniLmOnnxParityTest {
    @TempDir Path dir;

    @Test
    void anOnnxFolderLoadsAndSavesAsATransformersFolder() throws Exception {
        Path folder = dir.resolve("minilm");
        Files.createDirectories(folder);
        Files.move(resource("all-minilm-l6-v2.onnx"), folder.resolve("model.onnx"));
        Path saved = dir.resolve("saved");
        float[] before;
        try (LanguageModel model = LanguageModel.load(folder, Device.cpu());
                NDManager scope = model.manager().newSubManager()) {
            before = ((BertModel) model).embed(sample(scope), null, Pooling.MEAN).toFloatArray();
            model.save(saved);
        }
        try (SafetensorsFile file = SafetensorsFile.open(saved.resolve("model.safetensors"))) {
            assertTrue(file.tensors().containsKey("encoder.layer.5.output.dense.weight"));
        }
        try (LanguageModel model = LanguageModel.load(saved, Device.cpu());
                NDManager scope = model.manager().newSubManager()) {
            float[] after =
                    ((BertModel) model).embed(sample(scope), null, Pooling.MEAN).toFloatArray();
            assertArrayEquals(before, after, 0f);
        }
    }

    private static ai.djl.ndarray.NDArray sample(NDManager scope) {
        return scope.create(new long[] {101, 7592, 2088, 102}, new Shape(1, 4));
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name + " not on the test classpath (langchain4j MiniLM jar)");
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }
}
