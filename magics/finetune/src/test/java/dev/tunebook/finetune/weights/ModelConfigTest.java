package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    static Stream<Path> fixtureModels() throws IOException {
        try (Stream<Path> dirs = Files.list(Fixtures.dir("models"))) {
            List<Path> found =
                    dirs.filter(d -> Files.exists(d.resolve("config.json"))).sorted().toList();
            assertFalse(found.isEmpty(), "no model folders with config.json");
            return found.stream();
        }
    }

    /** Every fixture config agrees with the shapes of the weights saved beside it. */
    @ParameterizedTest
    @MethodSource("fixtureModels")
    void configAgreesWithTheWeightShapes(Path model) throws IOException {
        ModelConfig c = ModelConfig.read(model);
        try (SafetensorsFile st = SafetensorsFile.open(model.resolve("model.safetensors"))) {
            Map<String, TensorInfo> t = st.tensors();
            assertEquals(c.numLayers(), layerCount(t.keySet()), "layers in the weights");
            switch (c.architecture()) {
                case GPT2 -> {
                    shape(t, "transformer.wte.weight", c.vocabSize(), c.hiddenSize());
                    shape(t, "transformer.wpe.weight", c.maxPositions(), c.hiddenSize());
                    shape(
                            t,
                            "transformer.h.0.mlp.c_fc.weight",
                            c.hiddenSize(),
                            c.intermediateSize());
                    assertEquals(!c.tieWordEmbeddings(), t.containsKey("lm_head.weight"));
                }
                case BERT -> {
                    shape(
                            t,
                            "bert.embeddings.word_embeddings.weight",
                            c.vocabSize(),
                            c.hiddenSize());
                    shape(
                            t,
                            "bert.embeddings.position_embeddings.weight",
                            c.maxPositions(),
                            c.hiddenSize());
                    shape(
                            t,
                            "bert.embeddings.token_type_embeddings.weight",
                            c.typeVocabSize(),
                            c.hiddenSize());
                    shape(
                            t,
                            "bert.encoder.layer.0.intermediate.dense.weight",
                            c.intermediateSize(),
                            c.hiddenSize());
                    shape(t, "classifier.weight", c.numLabels(), c.hiddenSize());
                }
                default -> {
                    String attn = "model.layers.0.self_attn.";
                    shape(t, "model.embed_tokens.weight", c.vocabSize(), c.hiddenSize());
                    shape(t, attn + "q_proj.weight", c.numHeads() * c.headDim(), c.hiddenSize());
                    shape(t, attn + "k_proj.weight", c.numKvHeads() * c.headDim(), c.hiddenSize());
                    shape(
                            t,
                            "model.layers.0.mlp.gate_proj.weight",
                            c.intermediateSize(),
                            c.hiddenSize());
                    assertEquals(c.qkvBias(), t.containsKey(attn + "q_proj.bias"));
                    assertEquals(c.outputBias(), t.containsKey(attn + "o_proj.bias"));
                    assertEquals(!c.tieWordEmbeddings(), t.containsKey("lm_head.weight"));
                    assertTrue(c.ropeTheta() > 0);
                }
            }
        }
    }

    private static long layerCount(java.util.Set<String> names) {
        var index = java.util.regex.Pattern.compile("\\.(?:h|layers|layer)\\.(\\d+)\\.");
        return names.stream()
                .map(index::matcher)
                .filter(java.util.regex.Matcher::find)
                .map(m -> m.group(1))
                .distinct()
                .count();
    }

    private static void shape(Map<String, TensorInfo> t, String name, long... expected) {
        assertTrue(t.containsKey(name), name);
        assertArrayEquals(expected, t.get(name).shape(), name);
    }

    @Test
    void readsEachFixtureFamilyWithItsOwnNames() throws IOException {
        Path models = Fixtures.dir("models");
        ModelConfig gpt2 = ModelConfig.read(models.resolve("tiny-gpt2"));
        assertEquals(Architecture.GPT2, gpt2.architecture());
        assertEquals(List.of(1000, 32, 2, 4, 4, 8, 128, 64), dims(gpt2));
        assertEquals(1e-5, gpt2.normEps());
        assertEquals("gelu_new", gpt2.activation());
        assertTrue(gpt2.tieWordEmbeddings());
        assertEquals(OptionalInt.of(50256), gpt2.bosTokenId());
        assertEquals(List.of(50256), gpt2.eosTokenIds());
        assertEquals(OptionalInt.empty(), gpt2.padTokenId());

        ModelConfig llama = ModelConfig.read(models.resolve("tiny-llama/config.json"));
        assertEquals(List.of(1000, 32, 2, 4, 2, 8, 64, 64), dims(llama));
        assertEquals(10000.0, llama.ropeTheta());
        assertEquals("default", llama.ropeType());
        assertEquals(1e-6, llama.normEps());
        assertFalse(llama.tieWordEmbeddings());
        assertFalse(llama.qkvBias());
        assertEquals(Optional.of("float32"), llama.dtype());

        ModelConfig qwen2 = ModelConfig.read(models.resolve("tiny-qwen2"));
        assertEquals(1e6, qwen2.ropeTheta());
        assertTrue(qwen2.tieWordEmbeddings());
        assertTrue(qwen2.qkvBias());
        assertFalse(qwen2.outputBias());

        ModelConfig bert = ModelConfig.read(models.resolve("tiny-bert"));
        assertEquals(List.of(1000, 32, 2, 4, 4, 8, 64, 64), dims(bert));
        assertEquals(1e-12, bert.normEps());
        assertEquals(2, bert.typeVocabSize());
        assertEquals(2, bert.numLabels());
        assertEquals(OptionalInt.of(0), bert.padTokenId());
        assertFalse(bert.isCausal());
    }

    private static List<Integer> dims(ModelConfig c) {
        return List.of(
                c.vocabSize(),
                c.hiddenSize(),
                c.numLayers(),
                c.numHeads(),
                c.numKvHeads(),
                c.headDim(),
                c.intermediateSize(),
                c.maxPositions());
    }

    @Test
    void readsRopeThetaAtTopLevelMistralDefaultsAndLabels() throws IOException {
        ObjectNode mistral = llamaJson().put("model_type", "mistral").put("rope_theta", 1e6);
        mistral.remove("rope_parameters");
        mistral.putArray("eos_token_id").add(2).add(32000);
        mistral.put("num_labels", 3)
                .putObject("id2label")
                .put("0", "neg")
                .put("1", "neu")
                .put("2", "pos");
        mistral.put("torch_dtype", "bfloat16");
        mistral.remove("dtype");
        ModelConfig c = ModelConfig.parse(mistral, dir.resolve("config.json"));
        assertEquals(Architecture.MISTRAL, c.architecture());
        assertEquals(1e6, c.ropeTheta());
        assertEquals(List.of(2, 32000), c.eosTokenIds());
        assertEquals(Map.of(0, "neg", 1, "neu", 2, "pos"), c.id2label());
        assertEquals(3, c.numLabels());
        assertEquals(Optional.of("bfloat16"), c.dtype());
        assertFalse(c.tieWordEmbeddings());
    }

    private static ObjectNode llamaJson() throws IOException {
        return (ObjectNode)
                JSON.readTree(Fixtures.dir("models").resolve("tiny-llama/config.json").toFile());
    }

    private String errorFor(ObjectNode json) throws IOException {
        Path file = dir.resolve("config.json");
        JSON.writeValue(file.toFile(), json);
        var e = assertThrows(WeightsFormatException.class, () -> ModelConfig.read(dir));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badConfigsNameTheFieldAtFault() throws IOException {
        ObjectNode missing = llamaJson();
        missing.remove("hidden_size");
        assertTrue(errorFor(missing).endsWith("field 'hidden_size' is missing"));
        assertTrue(
                errorFor(llamaJson().put("num_hidden_layers", "2"))
                        .endsWith(
                                "field 'num_hidden_layers' must be an integer, found string \"2\""));
        assertTrue(
                errorFor(llamaJson().put("num_key_value_heads", 3))
                        .contains(
                                "field 'num_key_value_heads' (3) must divide num_attention_heads (4)"));
        assertTrue(
                errorFor(llamaJson().put("rms_norm_eps", -1))
                        .contains("field 'rms_norm_eps' must be positive"));
        assertTrue(
                errorFor(llamaJson().put("tie_word_embeddings", "yes"))
                        .contains("field 'tie_word_embeddings' must be true or false"));
        ObjectNode rope = llamaJson();
        ((ObjectNode) rope.get("rope_parameters")).put("rope_theta", "big");
        assertTrue(errorFor(rope).contains("field 'rope_parameters.rope_theta' must be a number"));
        assertTrue(
                errorFor(llamaJson().put("eos_token_id", "</s>"))
                        .contains("field 'eos_token_id' must be a token id or a list of them"));
    }

    @Test
    void unsupportedModelTypeListsTheSupportedOnes() throws IOException {
        String message = errorFor(llamaJson().put("model_type", "falcon"));
        assertTrue(
                message.endsWith(
                        "field 'model_type' 'falcon' is not supported (supported: gpt2, llama, qwen2, mistral, bert)"),
                message);
        ObjectNode none = llamaJson();
        none.remove("model_type");
        assertTrue(errorFor(none).contains("field 'model_type' is missing"));
    }

    @Test
    void missingAndMalformedFilesAreNamed() throws IOException {
        var missing = assertThrows(WeightsFormatException.class, () -> ModelConfig.read(dir));
        assertTrue(missing.getMessage().contains("config.json: no such file"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": ");
        var broken = assertThrows(WeightsFormatException.class, () -> ModelConfig.read(dir));
        assertTrue(
                broken.getMessage().contains("config.json: not valid JSON"), broken.getMessage());
    }

    @Test
    void writesTheConfigBackUnchanged() throws IOException {
        ModelConfig llama = ModelConfig.read(Fixtures.dir("models").resolve("tiny-llama"));
        llama.write(dir);
        assertEquals(llama, ModelConfig.read(dir));
        assertEquals(llamaJson(), JSON.readTree(dir.resolve("config.json").toFile()));
    }
}
