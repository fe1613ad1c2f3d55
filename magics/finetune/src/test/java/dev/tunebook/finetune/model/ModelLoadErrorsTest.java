package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tunebook.finetune.Fixtures;
import dev.tunebook.finetune.weights.WeightsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint that disagrees with its config is refused with the folder and tensor named. */
class ModelLoadErrorsTest {
    @TempDir Path dir;

    @Test
    void shapeThatDisagreesWithTheConfigNamesFolderAndTensor() throws IOException {
        Path folder = copyOfTinyLlama();
        String config = Files.readString(folder.resolve("config.json"));
        Files.writeString(
                folder.resolve("config.json"),
                config.replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 4"));
        WeightsFormatException e =
                assertThrows(
                        WeightsFormatException.class,
                        () -> LanguageModel.load(folder, Device.cpu()));
        assertTrue(e.getMessage().contains(folder.toString()), e.getMessage());
        assertTrue(
                e.getMessage().contains("model.layers.0.self_attn.k_proj.weight"), e.getMessage());
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path folder = copyOfTinyLlama();
        String config = Files.readString(folder.resolve("config.json"));
        Files.writeString(
                folder.resolve("config.json"),
                config.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3"));
        WeightsFormatException e =
                assertThrows(
                        WeightsFormatException.class,
                        () -> LanguageModel.load(folder, Device.cpu()));
        assertTrue(e.getMessage().contains("model.layers.2."), e.getMessage());
    }

    private Path copyOfTinyLlama() throws IOException {
        Path source = Fixtures.dir("models").resolve("tiny-llama");
        Path folder = dir.resolve("tiny-llama");
        Files.createDirectories(folder);
        for (String name : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(source.resolve(name), folder.resolve(name));
        }
        return folder;
    }
}
