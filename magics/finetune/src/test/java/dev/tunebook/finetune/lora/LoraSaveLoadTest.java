package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** A saved adapter has the bytes peft writes and loads back with identical logits. */
class LoraSaveLoadTest {
    @TempDir Path temp;

    @TestFactory
    Stream<DynamicTest> savedAdapterReloadsIdentically() throws IOException {
        return AdapterFixtures.each(this::check);
    }

    private void check(Path adapter) throws IOException {
        Path base = AdapterFixtures.baseModel(adapter);
        Path saved = temp.resolve(adapter.getFileName());
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, NDArray> ref = AdapterFixtures.tensors(adapter, root);
            float[] before = logits(base, adapter, ref, root, saved);
            float[] after = logits(base, saved, ref, root, null);
            assertArrayEquals(before, after, 0f, "logits after save and load");
        }
        assertEquals(keys(adapter), keys(saved), "adapter tensor keys");
        assertArrayEquals(
                Files.readAllBytes(adapter.resolve(LoraModel.WEIGHTS_FILE)),
                Files.readAllBytes(saved.resolve(LoraModel.WEIGHTS_FILE)),
                "adapter_model.safetensors as peft writes it");
        assertEquals(List.of(LoraModel.CONFIG_FILE, LoraModel.WEIGHTS_FILE), files(saved));
        assertEquals(
                Files.readString(adapter.resolve(LoraModel.CONFIG_FILE)),
                Files.readString(saved.resolve(LoraModel.CONFIG_FILE)),
                "adapter_config.json as peft writes it");
    }

    private static float[] logits(
            Path base, Path adapter, Map<String, NDArray> ref, NDManager root, Path saveTo)
            throws IOException {
        try (LanguageModel model = LanguageModel.load(base, Device.cpu())) {
            LoraModel lora = LoraModel.load(model, adapter);
            if (saveTo != null) {
                lora.save(saveTo);
            }
            return model.forward(ref.get("input_ids"), ref.get("attention_mask")).toFloatArray();
        }
    }

    @Test
    void freshAdapterStartsAsTheBaseAndCountsAsPeft() throws IOException {
        Path adapter = AdapterFixtures.folders().get(0);
        Path base = AdapterFixtures.baseModel(adapter);
        LoraConfig config = LoraConfig.read(adapter.resolve(LoraModel.CONFIG_FILE));
        try (NDManager root = NDManager.newBaseManager();
                LanguageModel model = LanguageModel.load(base, Device.cpu())) {
            Map<String, NDArray> ref = AdapterFixtures.tensors(adapter, root);
            NDArray ids = ref.get("input_ids");
            float[] plain = model.forward(ids, ref.get("attention_mask")).toFloatArray();
            LoraModel lora = LoraModel.apply(model, config, 42);
            float[] adapted = model.forward(ids, ref.get("attention_mask")).toFloatArray();
            assertArrayEquals(plain, adapted, 0f, "lora_B starts at zero");
            long trainable = AdapterFixtures.reference(adapter).get("trainable_params").asLong();
            assertEquals(trainable, lora.parameterCount().trainable());
            lora.save(temp.resolve("fresh"));
        }
        assertEquals(keys(adapter), keys(temp.resolve("fresh")), "fresh adapter keys");
    }

    @Test
    void loadPretrainedFindsTheBaseFromTheConfig() throws IOException {
        for (Path adapter : AdapterFixtures.folders()) {
            try (NDManager root = NDManager.newBaseManager()) {
                Map<String, NDArray> ref = AdapterFixtures.tensors(adapter, root);
                LoraModel lora = LoraModel.loadPretrained(adapter, Device.cpu());
                try (LanguageModel model = lora.model()) {
                    NDArray logits = model.forward(ref.get("input_ids"), ref.get("attention_mask"));
                    AdapterFixtures.assertClose("logits", ref.get("logits"), logits, 1e-4, 0);
                }
            }
        }
    }

    @Test
    void conv1dTargetsFixFanInFanOutAsPeftDoes() throws IOException {
        Path adapter = TestModels.fixtures("adapters").resolve("tiny-gpt2-lora");
        LoraConfig config =
                LoraConfig.read(adapter.resolve(LoraModel.CONFIG_FILE)).toBuilder()
                        .optFanInFanOut(false)
                        .build();
        try (LanguageModel model =
                LanguageModel.load(AdapterFixtures.baseModel(adapter), Device.cpu())) {
            LoraModel lora = LoraModel.apply(model, config, 1);
            assertTrue(lora.config().fanInFanOut());
            lora.save(temp.resolve("gpt2"));
        }
        assertTrue(
                LoraConfig.read(temp.resolve("gpt2").resolve(LoraModel.CONFIG_FILE)).fanInFanOut());
    }

    private static TreeSet<String> keys(Path folder) throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(folder.resolve(LoraModel.WEIGHTS_FILE))) {
            return new TreeSet<>(file.tensors().keySet());
        }
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
