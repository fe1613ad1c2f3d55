package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quantized weights in small graphs written as onnxruntime's {@code quantize_dynamic} writes them:
 * per-column int8 {@code MatMulInteger} weights and per-tensor uint8 embeddings behind {@code
 * Gather → DequantizeLinear}, zero points raw or in {@code int32_data}.
 */
class OnnxQuantizedWeightsTest {
    private static final String QUERY = "/encoder/layer.0/attention/self/query/MatMul_quant";
    @TempDir Path dir;

    @Test
    void matMulIntegerWeightsAreNamedAndDequantizedPerColumn() throws IOException {
        ProtobufWriter graph = new ProtobufWriter();
        // [in 2, out 3]: q = [[1, -2, 3], [-4, 5, 127]], per-column zero points and scales
        graph.message(5, bytes("W_quantized", 3, new byte[] {1, -2, 3, -4, 5, 127}, 2, 3));
        graph.message(5, floats("W_scale", new float[] {0.5f, 2f, 0.25f}, 3));
        graph.message(5, bytes("W_zero_point", 3, new byte[] {1, 0, -1}, 3));
        graph.message(
                1, node(QUERY, "MatMulInteger", "y", "x_q", "W_quantized", "x_zp", "W_zero_point"));
        Map<String, OnnxQuantizedWeights.Named> found = find(graph);
        OnnxQuantizedWeights.Named query = found.get("encoder.layer.0.attention.self.query.weight");
        assertTrue(query.transpose());
        assertArrayEquals(
                new float[] {0f, -4f, 1f, -2.5f, 10f, 32f}, floats(query.weight().dequantize()));
    }

    @Test
    void gatheredEmbeddingsAreDequantizedPerTensorWithAnInt32ZeroPoint() throws IOException {
        ProtobufWriter graph = new ProtobufWriter();
        String table = "embeddings.word_embeddings.weight";
        graph.message(5, bytes(table + "_quantized", 2, new byte[] {0, (byte) 200, 10, 20}, 2, 2));
        graph.message(5, floats(table + "_scale", new float[] {0.1f}));
        ProtobufWriter zero = new ProtobufWriter().varint(2, 2).string(8, table + "_zero_point");
        graph.message(5, zero.bytes(5, new byte[] {10})); // packed int32_data: [10]
        graph.message(1, node("/gather", "Gather", "rows_q", table + "_quantized", "ids"));
        graph.message(
                1,
                node(
                        "/dequantize",
                        "DequantizeLinear",
                        "rows",
                        "rows_q",
                        table + "_scale",
                        table + "_zero_point"));
        OnnxQuantizedWeights.Named words = find(graph).get(table);
        assertFalse(words.transpose());
        assertArrayEquals(
                new float[] {-1f, 19f, 0f, 1f}, floats(words.weight().dequantize()), 1e-6f);
    }

    @Test
    void aMissingScaleNamesTheInitializer() throws IOException {
        ProtobufWriter graph = new ProtobufWriter();
        graph.message(5, bytes("W_quantized", 3, new byte[] {1, 2}, 1, 2));
        graph.message(1, node(QUERY, "MatMulInteger", "y", "x_q", "W_quantized"));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> find(graph));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "quantized initializer 'W_quantized' has no scale: no initializer"
                                        + " 'W_scale'"),
                e.getMessage());
    }

    @Test
    void scalesThatFitNeitherTheTensorNorItsColumnsAreRefused() throws IOException {
        ProtobufWriter graph = new ProtobufWriter();
        graph.message(5, bytes("W_quantized", 3, new byte[] {1, 2, 3, 4, 5, 6}, 2, 3));
        graph.message(5, floats("W_scale", new float[] {1f, 2f}, 2));
        graph.message(1, node(QUERY, "MatMulInteger", "y", "x_q", "W_quantized"));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> find(graph));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "quantized initializer 'W_quantized' has 2 scales or zero points"
                                        + " for 3 columns (per tensor or per column only)"),
                e.getMessage());
    }

    private Map<String, OnnxQuantizedWeights.Named> find(ProtobufWriter graph) throws IOException {
        Path file =
                Files.write(
                        dir.resolve("quantized.onnx"),
                        new ProtobufWriter().varint(1, 8).message(7, graph).toBytes());
        return OnnxQuantizedWeights.find(file, OnnxGraph.read(file));
    }

    private static ProtobufWriter bytes(String name, int type, byte[] raw, long... dims) {
        ProtobufWriter t = new ProtobufWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    private static ProtobufWriter floats(String name, float[] values, long... dims) {
        ProtobufWriter t = new ProtobufWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, OnnxGraph.FLOAT).string(8, name).packedFloats(4, values);
    }

    private static ProtobufWriter node(String name, String op, String output, String... inputs) {
        ProtobufWriter node = new ProtobufWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        return node.string(2, output).string(3, name).string(4, op);
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
