package dev.tunebook.finetune.lora;

import static dev.tunebook.finetune.lora.AdapterFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebook.finetune.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every adapter of the fixtures merged for a while from the model alone (as a generation evaluation
 * does), with the same logits, and unmerged after; a layer merged by its owner stays merged, and a
 * model without an adapter is left alone.
 */
class MergedAdaptersTest {
    @TestFactory
    Stream<DynamicTest> mergesEveryAdapterLayerForAWhile() throws IOException {
        return AdapterFixtures.each(this::check);
    }

    private void check(Path adapter) throws IOException {
        Path base = AdapterFixtures.baseModel(adapter);
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, NDArray> ref = AdapterFixtures.tensors(adapter, root);
            NDArray ids = ref.get("input_ids");
            NDArray mask = ref.get("attention_mask");
            try (LanguageModel model = LanguageModel.load(base, Device.cpu())) {
                try (MergedAdapters none = MergedAdapters.of(model)) {
                    assertEquals(0, none.count(), "a model without an adapter");
                }
                LoraModel lora = LoraModel.load(model, adapter);
                NDArray unmerged = model.forward(ids, mask);
                int layers = lora.adaptedModules().size();
                try (MergedAdapters merged = MergedAdapters.of(model)) {
                    assertEquals(layers, merged.count());
                    assertTrue(
                            lora.adaptedModules().values().stream().allMatch(LoraLinear::isMerged));
                    assertClose("merged for a while", unmerged, model.forward(ids, mask), 1e-5, 0);
                }
                assertFalse(lora.adaptedModules().values().stream().anyMatch(LoraLinear::isMerged));
                assertClose("unmerged after", unmerged, model.forward(ids, mask), 1e-5, 0);
                lora.merge();
                try (MergedAdapters again = MergedAdapters.of(model)) {
                    assertEquals(0, again.count(), "layers merged already are not taken over");
                }
                assertTrue(lora.adaptedModules().values().stream().allMatch(LoraLinear::isMerged));
            }
        }
    }
}
