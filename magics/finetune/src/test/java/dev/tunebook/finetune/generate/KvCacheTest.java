package dev.tunebook.finetune.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.tunebook.finetune.Fixtures;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.model.LlamaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Decoding with a KV cache gives the logits of a full forward pass, and leaks no arrays. */
class KvCacheTest {
    private static final long[] TOKENS = {5, 17, 230, 4, 99, 512, 8, 61};

    @TestFactory
    Stream<DynamicTest> cachedDecodingMatchesFullForward() throws IOException {
        List<Path> causal;
        try (Stream<Path> list = Files.list(Fixtures.dir("models"))) {
            causal =
                    list.filter(p -> Files.exists(p.resolve("generation_config.json")))
                            .sorted()
                            .collect(Collectors.toList());
        }
        assertTrue(causal.size() >= 3, "expected the causal fixture models");
        return causal.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    @Test
    void multiQueryAttentionWithASlidingWindow() {
        LlamaModel model =
                LlamaModel.builder()
                        .setVocabSize(600)
                        .setHiddenSize(16)
                        .setLayers(2)
                        .setHeads(4)
                        .optKvHeads(1)
                        .setIntermediateSize(24)
                        .optSlidingWindow(3)
                        .optMlpBias(true)
                        .build(NDManager.newBaseManager());
        Map<String, NDArray> weights = new HashMap<>();
        // Seeded and at an initialiser's scale: unit-variance weights made logits of size 10
        // and more, whose float rounding between the two paths exceeded an absolute tolerance.
        Engine.getInstance().setRandomSeed(11);
        model.parameterShapes()
                .forEach(
                        (name, shape) ->
                                weights.put(
                                        name,
                                        model.manager()
                                                .randomNormal(0f, 0.2f, shape, DataType.FLOAT32)));
        model.loadWeights(weights);
        check(model);
    }

    private void check(Path folder) throws IOException {
        check((CausalLanguageModel) LanguageModel.load(folder, Device.cpu()));
    }

    private void check(CausalLanguageModel loaded) {
        try (CausalLanguageModel model = loaded) {
            int weightsBefore = managed(model.manager());
            float[] full;
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray ids = scope.create(TOKENS).expandDims(0);
                full = model.forward(ids, null).toFloatArray();
            }
            int vocab = full.length / TOKENS.length;
            try (KvCache cache = model.newCache()) {
                for (int t = 0; t < TOKENS.length; t++) {
                    try (NDManager scope = model.manager().newSubManager()) {
                        NDArray ids = scope.create(new long[] {TOKENS[t]}).expandDims(0);
                        float[] step = model.forward(ids, null, cache).toFloatArray();
                        for (int v = 0; v < vocab; v++) {
                            float expected = full[t * vocab + v];
                            assertEquals(
                                    expected,
                                    step[v],
                                    1e-4 * Math.max(1, Math.abs(expected)),
                                    "position " + t);
                        }
                    }
                }
                assertEquals(TOKENS.length, cache.length());
            }
            model.generate(new long[] {1, 2, 3}, GenerationOptions.greedy(4));
            assertEquals(weightsBefore, managed(model.manager()), "arrays left in the model");
        }
    }

    private static int managed(NDManager manager) {
        return ((BaseNDManager) manager).getManagedArrays().size();
    }
}
