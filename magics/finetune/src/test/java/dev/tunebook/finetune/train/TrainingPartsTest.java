package dev.tunebook.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingPartsTest {
    @Test
    void accumulationStepsEveryNAndAtTheEpochEnd() {
        GradientAccumulation accumulation = new GradientAccumulation(3);
        List<Integer> ends =
                IntStream.range(0, 7).filter(i -> accumulation.endsStep(i, 7)).boxed().toList();
        assertEquals(List.of(2, 5, 6), ends);
        assertEquals(1.0 / 3, accumulation.lossScale(4, 7), 1e-15);
        assertEquals(1.0, accumulation.lossScale(6, 7), 1e-15);
        assertEquals(3, accumulation.stepsPerEpoch(7));
        assertEquals(7, new GradientAccumulation(1).stepsPerEpoch(7));
    }

    @Test
    void seedMakesEngineAndJavaRandomnessRepeatable() {
        Seed seed = new Seed(123);
        try (NDManager manager = NDManager.newBaseManager()) {
            seed.apply();
            float[] first = randomArray(manager);
            seed.apply();
            float[] second = randomArray(manager);
            assertEquals(List.of(toList(first)), List.of(toList(second)));
        }
        assertEquals(seed.random("data").nextLong(), new Seed(123).random("data").nextLong());
        assertNotEquals(seed.derive("data"), seed.derive("dropout"));
        assertNotEquals(seed.derive("data"), new Seed(124).derive("data"));
    }

    private static float[] randomArray(NDManager manager) {
        return manager.randomNormal(new ai.djl.ndarray.types.Shape(5)).toFloatArray();
    }

    private static List<Float> toList(float[] values) {
        return IntStream.range(0, values.length).mapToObj(i -> values[i]).toList();
    }

    private static final List<String> GPT2 =
            List.of(
                    "transformer.wte.weight",
                    "transformer.wpe.weight",
                    "transformer.h.0.attn.c_attn.weight",
                    "transformer.h.1.mlp.c_fc.bias",
                    "transformer.h.12.ln_1.weight",
                    "transformer.ln_f.weight");

    @Test
    void freezingTheFirstLayersAndEmbeddings() {
        ParameterFilter filter = ParameterFilter.firstLayers(2);
        List<Boolean> frozen = GPT2.stream().map(filter::isFrozen).toList();
        assertEquals(List.of(true, true, true, true, false, false), frozen);
        assertEquals(12, ParameterFilter.layerIndex("transformer.h.12.ln_1.weight").getAsInt());
        assertEquals(
                3, ParameterFilter.layerIndex("bert.encoder.layer.3.output.dense.bias").getAsInt());
        assertTrue(
                ParameterFilter.firstLayers(1).isFrozen("bert.embeddings.word_embeddings.weight"));
        assertFalse(
                ParameterFilter.firstLayers(1).isFrozen("bert.encoder.layer.1.output.dense.bias"));
    }

    @Test
    void freezingAllButTheHeadAppliesToArrays() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (String name :
                    List.of("bert.pooler.dense.weight", "classifier.weight", "classifier.bias")) {
                params.put(name, manager.zeros(new ai.djl.ndarray.types.Shape(2)));
            }
            Map<String, NDArray> trainable = ParameterFilter.allButHead().apply(params);
            assertEquals(
                    List.of("classifier.weight", "classifier.bias"),
                    List.copyOf(trainable.keySet()));
            assertFalse(params.get("bert.pooler.dense.weight").hasGradient());
            assertTrue(params.get("classifier.bias").hasGradient());
        }
    }
}
