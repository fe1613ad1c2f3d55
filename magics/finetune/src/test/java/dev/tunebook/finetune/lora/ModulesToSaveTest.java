package dev.tunebook.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import dev.tunebook.finetune.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence-classification adapter on tiny-bert: LoRA on {@code query} and {@code value}, the
 * {@code classifier} head trained in full as PEFT's {@code SEQ_CLS} task does it.
 */
class ModulesToSaveTest {
    private static final String HEAD = "base_model.model.classifier.weight";

    @TempDir Path temp;

    @Test
    void classifierHeadIsCopiedCountedSavedAndMerged() throws IOException {
        Path bert = TestModels.fixtures("models").resolve("tiny-bert");
        JsonNode c = new ObjectMapper().readTree(bert.resolve("config.json").toFile());
        long hidden = c.get("hidden_size").asLong();
        long layers = c.get("num_hidden_layers").asLong();
        LoraConfig config =
                LoraConfig.builder()
                        .setRank(4)
                        .setTargetModules(List.of("query", "value"))
                        .optAlpha(16)
                        .optTaskType("SEQ_CLS")
                        .build();
        try (NDManager root = NDManager.newBaseManager()) {
            Map<String, NDArray> ref =
                    TestModels.tensors(bert.resolve("reference.safetensors"), root);
            float[] trained;
            try (LanguageModel model = LanguageModel.load(bert, Device.cpu())) {
                long base = total(model);
                LoraModel lora = LoraModel.apply(model, config, 3);
                long lora2 = layers * 2 * (4 * hidden + hidden * 4);
                long head = 2 * hidden + 2;
                // PEFT counts both the frozen original head and its trainable copy
                assertEquals(
                        new ParameterCount(lora2 + head, base + lora2 + head),
                        lora.parameterCount());
                assertFalse(
                        model.parameters()
                                .get("classifier.original_module.weight")
                                .getArray()
                                .hasGradient());
                trained = train(model, lora, ref);
                lora.save(temp.resolve("adapter"));
                LanguageModel merged = lora.mergeAndUnload();
                assertArrayEquals(trained, logits(merged, ref), 1e-5f);
                assertTrue(merged.parameters().containsKey("classifier.weight"));
            }
            try (SafetensorsFile file =
                    SafetensorsFile.open(temp.resolve("adapter").resolve(LoraModel.WEIGHTS_FILE))) {
                assertTrue(file.tensors().containsKey(HEAD), file.tensors().keySet().toString());
            }
            try (LanguageModel model = LanguageModel.load(bert, Device.cpu())) {
                LoraModel lora = LoraModel.load(model, temp.resolve("adapter"));
                assertEquals(List.of("classifier", "score"), lora.config().modulesToSave());
                assertArrayEquals(trained, logits(model, ref), 0f);
            }
        }
    }

    /** Takes one plain gradient step on the trainable parameters; returns the new logits. */
    private static float[] train(LanguageModel model, LoraModel lora, Map<String, NDArray> ref) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss =
                    model.loss(ref.get("input_ids"), ref.get("attention_mask"), ref.get("labels"));
            collector.backward(loss);
        }
        Set<String> trainable = lora.trainableParameters().keySet();
        assertTrue(
                trainable.contains("classifier.modules_to_save.default.weight"),
                trainable.toString());
        for (Parameter p : lora.trainableParameters().values()) {
            NDArray array = p.getArray();
            try (NDArray step = array.getGradient().mul(0.5f)) {
                array.setRequiresGradient(false);
                array.subi(step);
                array.setRequiresGradient(true);
            }
        }
        return logits(model, ref);
    }

    private static float[] logits(LanguageModel model, Map<String, NDArray> ref) {
        return model.forward(ref.get("input_ids"), ref.get("attention_mask")).toFloatArray();
    }

    private static long total(LanguageModel model) {
        return model.parameterShapes().values().stream().mapToLong(s -> s.size()).sum();
    }
}
