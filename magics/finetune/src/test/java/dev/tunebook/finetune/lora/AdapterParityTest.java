package dev.tunebook.finetune.lora;

import static dev.tunebook.finetune.lora.AdapterFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.TestModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every PEFT adapter under {@code ${tunebook.fixtures}/adapters}, loaded onto its base
 * model, against peft's outputs: logits, loss, the gradients of the LoRA parameters, and the
 * trainable and total parameter counts of {@code print_trainable_parameters}.
 */
class AdapterParityTest {
    @TestFactory
    Stream<DynamicTest> everyFixtureAdapter() throws IOException {
        return AdapterFixtures.each(this::check);
    }

    private void check(Path folder) throws IOException {
        JsonNode counts = AdapterFixtures.reference(folder);
        Device device = TestModels.device();
        try (NDManager manager = NDManager.newBaseManager(device);
                LanguageModel model =
                        LanguageModel.load(AdapterFixtures.baseModel(folder), device)) {
            LoraModel lora = LoraModel.load(model, folder);
            Map<String, NDArray> ref = AdapterFixtures.tensors(folder, manager);
            NDArray ids = ref.get("input_ids");
            NDArray mask = ref.get("attention_mask");
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                assertClose("logits", ref.get("logits"), model.forward(ids, mask), 1e-4, 0);
                NDArray loss = model.loss(ids, mask, ref.get("labels"));
                float expected = ref.get("loss").getFloat(0);
                assertEquals(expected, loss.getFloat(), Math.abs(expected) * 1e-5, "loss");
                collector.backward(loss);
            }
            checkGradients(ref, lora.trainableParameters());
            ParameterCount count = lora.parameterCount();
            assertEquals(counts.get("trainable_params").asLong(), count.trainable(), "trainable");
            assertEquals(counts.get("total_params").asLong(), count.total(), "total");
        }
    }

    private static void checkGradients(Map<String, NDArray> ref, Map<String, Parameter> trainable) {
        TreeSet<String> seen = new TreeSet<>();
        for (Map.Entry<String, NDArray> e : ref.entrySet()) {
            if (!e.getKey().startsWith("grad.")) {
                continue;
            }
            String name = PeftNames.modelName(e.getKey().substring("grad.".length()));
            Parameter parameter = trainable.get(name);
            assertNotNull(parameter, "no trainable parameter for " + e.getKey());
            assertClose(e.getKey(), e.getValue(), parameter.getArray().getGradient(), 1e-4, 1e-3);
            seen.add(name);
        }
        assertEquals(
                new TreeSet<>(trainable.keySet()),
                seen,
                "trainable parameters without a reference gradient: "
                        + trainable.keySet().stream()
                                .filter(n -> !seen.contains(n))
                                .collect(Collectors.toList()));
    }
}
