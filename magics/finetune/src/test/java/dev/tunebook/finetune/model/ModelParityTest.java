package dev.tunebook.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.Fixtures;
import dev.tunebook.finetune.generate.GenerationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every model folder under {@code ${tunebook.fixtures}/models} against transformers'
 * outputs: logits, loss, every parameter gradient, BERT's last hidden state, greedy decoding.
 */
class ModelParityTest {
    private static final double ABS = 1e-4;

    @TestFactory
    Stream<DynamicTest> everyFixtureModel() throws IOException {
        Path models = Fixtures.dir("models");
        List<Path> folders;
        try (Stream<Path> list = Files.list(models)) {
            folders = list.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        }
        assertTrue(!folders.isEmpty(), "No model fixtures in " + models);
        return folders.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private void check(Path folder) throws IOException {
        Device device = TestModels.device();
        try (NDManager manager = NDManager.newBaseManager(device);
                LanguageModel model = LanguageModel.load(folder, device)) {
            Map<String, NDArray> ref =
                    ReferenceTensors.read(folder.resolve("reference.safetensors"), manager);
            NDArray ids = ref.get("input_ids");
            NDArray mask = ref.get("attention_mask");
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(ids, mask);
                assertClose("logits", ref.get("logits"), logits, ABS, 0);
                NDArray loss = model.loss(ids, mask, ref.get("labels"));
                float expected = ref.get("loss").getFloat(0);
                assertEquals(expected, loss.getFloat(), Math.abs(expected) * 1e-5, "loss");
                collector.backward(loss);
            }
            for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
                NDArray want = ref.get("grad." + e.getKey());
                assertNotNull(want, "reference lacks grad." + e.getKey());
                assertClose(
                        "grad." + e.getKey(),
                        want,
                        e.getValue().getArray().getGradient(),
                        ABS,
                        1e-3);
            }
            for (String name : ref.keySet()) {
                if (name.startsWith("grad.")) {
                    assertTrue(
                            model.parameters().containsKey(name.substring(5)),
                            "model lacks parameter " + name.substring(5));
                }
            }
            if (ref.containsKey("last_hidden_state")) {
                NDArray hidden = ((BertModel) model).encode(ids, mask, null);
                assertClose("last_hidden_state", ref.get("last_hidden_state"), hidden, ABS, 0);
            }
            if (ref.containsKey("greedy_output")) {
                long[] prompt = ref.get("greedy_prompt").toLongArray();
                long[] want = ref.get("greedy_output").toLongArray();
                long[] got =
                        ((CausalLanguageModel) model)
                                .generate(
                                        prompt,
                                        GenerationOptions.builder()
                                                .optMaxNewTokens(want.length - prompt.length)
                                                .optEosTokenIds()
                                                .build());
                assertArrayEquals(want, got, "greedy_output");
            }
        }
    }

    private static void assertClose(
            String what, NDArray want, NDArray got, double abs, double rel) {
        assertArrayEquals(want.getShape().getShape(), got.getShape().getShape(), what + " shape");
        float[] w = want.toFloatArray();
        float[] g = got.toFloatArray();
        for (int i = 0; i < w.length; i++) {
            double diff = Math.abs(w[i] - g[i]);
            if (diff > abs && diff > rel * Math.abs(w[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + w[i] + " got " + g[i]);
            }
        }
    }
}
