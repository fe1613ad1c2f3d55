package dev.tunebook.finetune.lora;

import static dev.tunebook.finetune.lora.AdapterFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merging an adapter into its base weights leaves the logits unchanged, unmerging restores the base
 * weights, and a merged model saved as a Hugging Face folder reloads with the same logits.
 */
class LoraMergeTest {
    @TempDir Path temp;

    @TestFactory
    Stream<DynamicTest> mergedEqualsUnmerged() throws IOException {
        return AdapterFixtures.each(this::check);
    }

    private void check(Path adapter) throws IOException {
        Path base = AdapterFixtures.baseModel(adapter);
        Path saved = temp.resolve(adapter.getFileName());
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, NDArray> ref = AdapterFixtures.tensors(adapter, root);
            NDArray ids = ref.get("input_ids");
            NDArray mask = ref.get("attention_mask");
            try (LanguageModel model = LanguageModel.load(base, Device.cpu())) {
                LoraModel lora = LoraModel.load(model, adapter);
                NDArray unmerged = model.forward(ids, mask);
                lora.merge();
                assertTrue(lora.adaptedModules().values().stream().allMatch(LoraLinear::isMerged));
                assertClose("merged logits", unmerged, model.forward(ids, mask), 1e-5, 0);
                lora.unmerge();
                assertClose("unmerged again", unmerged, model.forward(ids, mask), 1e-5, 0);
                checkBaseWeightsRestored(lora, base, root);
                LanguageModel plain = lora.mergeAndUnload();
                assertThrows(IllegalStateException.class, lora::merge);
                assertClose("unloaded logits", unmerged, plain.forward(ids, mask), 1e-5, 0);
                plain.save(saved);
                assertEquals(names(base), names(saved), "merged model tensor names");
                try (LanguageModel reloaded = LanguageModel.load(saved, Device.cpu())) {
                    assertClose("reloaded", unmerged, reloaded.forward(ids, mask), 1e-5, 0);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> cachedGenerationIsTheSameMergedOrNot() throws IOException {
        return AdapterFixtures.each(this::generate);
    }

    /** Greedy decoding runs the adapter through the KV-cache path, one token at a time. */
    private void generate(Path adapter) throws IOException {
        GenerationOptions greedy =
                GenerationOptions.builder().optMaxNewTokens(12).optEosTokenIds().build();
        long[] prompt = {5, 17, 42, 99, 3};
        try (LanguageModel model =
                LanguageModel.load(AdapterFixtures.baseModel(adapter), Device.cpu())) {
            CausalLanguageModel causal = (CausalLanguageModel) model;
            LoraModel lora = LoraModel.load(model, adapter);
            long[] unmerged = causal.generate(prompt, greedy);
            lora.merge();
            assertArrayEquals(unmerged, causal.generate(prompt, greedy), "merged");
        }
    }

    private static void checkBaseWeightsRestored(LoraModel lora, Path base, NDManager root)
            throws IOException {
        Map<String, NDArray> original = TestModels.tensors(base.resolve("model.safetensors"), root);
        for (Map.Entry<String, LoraLinear> e : lora.adaptedModules().entrySet()) {
            NDArray weight = e.getValue().baseLayer().parameters().get("weight").getArray();
            NDArray want = original.get(e.getKey() + ".weight");
            assertClose(e.getKey() + ".weight after unmerge", want, weight, 1e-6, 0);
        }
    }

    private static TreeSet<String> names(Path folder) throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            return new TreeSet<>(file.tensors().keySet());
        }
    }
}
