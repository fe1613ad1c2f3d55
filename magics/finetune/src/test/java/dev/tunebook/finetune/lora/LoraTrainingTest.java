package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training an adapter changes only the adapter: the loss falls under plain gradient steps while the
 * frozen base weights stay bit-identical, and a disabled adapter gives the base model's logits.
 */
class LoraTrainingTest {
    private static final Path ADAPTER = TestModels.fixtures("adapters").resolve("tiny-llama-lora");

    @Test
    void gradientStepsMoveOnlyTheAdapter() throws IOException {
        Path base = AdapterFixtures.baseModel(ADAPTER);
        try (NDManager root = NDManager.newBaseManager();
                LanguageModel model = LanguageModel.load(base, Device.cpu())) {
            Map<String, NDArray> batch = reference(root);
            LoraModel lora = LoraModel.load(model, ADAPTER);
            Map<String, Parameter> trainable = lora.trainableParameters();
            Map<String, float[]> frozen = new HashMap<>();
            for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
                if (!trainable.containsKey(e.getKey())) {
                    NDArray array = e.getValue().getArray();
                    assertFalse(array.hasGradient(), e.getKey() + " should be frozen");
                    frozen.put(e.getKey(), array.toFloatArray());
                }
            }
            float previous = Float.MAX_VALUE;
            for (int step = 0; step < 3; step++) {
                float loss = step(model, trainable.values(), batch);
                assertTrue(loss < previous, "loss " + loss + " after " + previous);
                previous = loss;
            }
            for (Map.Entry<String, float[]> e : frozen.entrySet()) {
                float[] now = model.parameters().get(e.getKey()).getArray().toFloatArray();
                assertArrayEquals(e.getValue(), now, 0f, e.getKey());
            }
        }
    }

    @Test
    void disabledAdapterGivesTheBaseLogits() throws IOException {
        Path base = AdapterFixtures.baseModel(ADAPTER);
        try (NDManager root = NDManager.newBaseManager();
                LanguageModel plain = LanguageModel.load(base, Device.cpu());
                LanguageModel model = LanguageModel.load(base, Device.cpu())) {
            Map<String, NDArray> batch = reference(root);
            float[] want = logits(plain, batch);
            LoraModel lora = LoraModel.load(model, ADAPTER);
            float[] adapted = logits(model, batch);
            lora.merge();
            lora.setAdapterEnabled(false);
            assertArrayEquals(want, logits(model, batch), 1e-6f, "disabled after a merge");
            lora.setAdapterEnabled(true);
            assertArrayEquals(
                    adapted, logits(model, batch), 1e-5f, "enabled again (unmerge rounds)");
        }
    }

    private static float step(
            LanguageModel model, Iterable<Parameter> trainable, Map<String, NDArray> batch) {
        float loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray value =
                    model.loss(
                            batch.get("input_ids"),
                            batch.get("attention_mask"),
                            batch.get("labels"));
            loss = value.getFloat();
            collector.backward(value);
        }
        for (Parameter p : trainable) {
            NDArray array = p.getArray();
            try (NDArray update = array.getGradient().mul(0.5f)) {
                array.setRequiresGradient(false);
                array.subi(update);
                array.setRequiresGradient(true);
            }
        }
        return loss;
    }

    private static float[] logits(LanguageModel model, Map<String, NDArray> batch) {
        return model.forward(batch.get("input_ids"), batch.get("attention_mask")).toFloatArray();
    }

    private static Map<String, NDArray> reference(NDManager root) throws IOException {
        return TestModels.tensors(ADAPTER.resolve("reference.safetensors"), root);
    }
}
