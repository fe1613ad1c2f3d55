package dev.tunebook.finetune.save;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.model.LoadedModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.source.DownloadProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link SavedModels} loads a causal PEFT adapter folder as peft wrote it (every case in the
 * fixtures' {@code adapters/}, its base named relative to the folder) with peft's logits.
 */
class PeftAdapterLoadTest {
    @TestFactory
    Stream<DynamicTest> peftsCausalAdaptersLoadWithPeftsLogits() throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(TestModels.fixtures("adapters"))) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(!folders.isEmpty(), "no adapter fixtures");
        return folders.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path adapter) throws IOException {
        assertTrue(SavedModels.isSaved(adapter), adapter + " is recognised");
        try (NDManager root = NDManager.newBaseManager(Device.cpu());
                LoadedModel loaded =
                        SavedModels.load(adapter, Device.cpu(), DownloadProgress.NONE)) {
            Map<String, NDArray> ref =
                    TestModels.tensors(adapter.resolve("reference.safetensors"), root);
            NDArray ids = ref.get("input_ids");
            NDArray mask = ref.get("attention_mask");
            float[] want = ref.get("logits").toFloatArray();
            float[] got = loaded.model().forward(ids, mask).toFloatArray();
            assertArrayEquals(want, got, 1e-4f, adapter.toString());
        }
    }
}
