package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.Fixtures;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** A saved model has the checkpoint's tensor names and files and reloads with identical logits. */
class ModelSaveTest {
    @TempDir Path temp;

    @TestFactory
    Stream<DynamicTest> savedModelsReloadIdentically() throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(Fixtures.dir("models"))) {
            folders = list.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        }
        return folders.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private void check(Path folder) throws IOException {
        Path saved = temp.resolve(folder.getFileName());
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, NDArray> ref =
                    ReferenceTensors.read(folder.resolve("reference.safetensors"), root);
            float[] before;
            try (LanguageModel model = LanguageModel.load(folder, Device.cpu())) {
                before =
                        model.forward(ref.get("input_ids"), ref.get("attention_mask"))
                                .toFloatArray();
                model.save(saved);
            }
            assertEquals(names(folder), names(saved), "tensor names");
            ObjectMapper json = new ObjectMapper();
            assertEquals(
                    json.readTree(folder.resolve("config.json").toFile()),
                    json.readTree(saved.resolve("config.json").toFile()));
            try (LanguageModel reloaded = LanguageModel.load(saved, Device.cpu())) {
                float[] after =
                        reloaded.forward(ref.get("input_ids"), ref.get("attention_mask"))
                                .toFloatArray();
                assertArrayEquals(before, after, 0f);
            }
        }
    }

    private static TreeSet<String> names(Path folder) throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            return new TreeSet<>(file.tensors().keySet());
        }
    }
}
