package dev.tunebook.finetune.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a dynamically quantized ONNX encoder so that ONNX Runtime runs it in float with the
 * weights dequantized: each {@code DynamicQuantizeLinear → MatMulInteger → Cast → Mul} chain ends
 * in a float {@code MatMul} of the unquantized activation and {@link QuantizedWeight#dequantize()}
 * instead of the final {@code Mul}. Everything else is copied byte for byte (the quantized branches
 * stay, unused). It separates what the import must reproduce (the weights) from what a float model
 * cannot (8-bit activations).
 */
final class FloatOnnxRewrite {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;

    private FloatOnnxRewrite() {}

    /** Writes the float version of {@code quantized} to {@code target}. */
    static void write(Path quantized, Path target) throws IOException {
        OnnxGraph graph = OnnxGraph.read(quantized);
        Map<String, OnnxGraph.Node> producers = new HashMap<>();
        Map<String, OnnxGraph.Node> consumers = new HashMap<>();
        for (OnnxGraph.Node node : graph.nodes) {
            node.outputs().forEach(o -> producers.put(o, node));
            node.inputs().forEach(i -> consumers.put(i, node));
        }
        Map<String, OnnxGraph.Tensor> initializers = new HashMap<>();
        graph.initializers.forEach(t -> initializers.put(t.name(), t));
        Map<String, ProtobufWriter> replacements = new HashMap<>();
        List<ProtobufWriter> extra = new ArrayList<>();
        for (OnnxGraph.Node node : graph.nodes) {
            if (!node.opType().equals("MatMulInteger")) {
                continue;
            }
            String activation = producers.get(node.inputs().get(0)).inputs().get(0);
            OnnxGraph.Node rescale =
                    consumers.get(consumers.get(node.outputs().get(0)).outputs().get(0));
            OnnxGraph.Tensor q = initializers.get(node.inputs().get(1));
            String base = q.name().replaceAll("_quantized$", "");
            QuantizedWeight weight =
                    QuantizedWeight.of(
                            quantized,
                            q,
                            initializers.get(base + "_scale"),
                            initializers.get(node.inputs().get(3)));
            String floatName = base + "_dequantized";
            extra.add(floatTensor(floatName, q.dims(), weight.dequantize()));
            replacements.put(
                    rescale.name(),
                    new ProtobufWriter()
                            .string(1, activation)
                            .string(1, floatName)
                            .string(2, rescale.outputs().get(0))
                            .string(3, rescale.name() + "_float")
                            .string(4, "MatMul"));
        }
        ByteBuffer file;
        try (FileChannel channel = FileChannel.open(quantized, StandardOpenOption.READ)) {
            file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        ProtobufWriter model = new ProtobufWriter();
        ProtobufReader in = new ProtobufReader(file);
        while (in.next()) {
            if (in.field() == MODEL_GRAPH) {
                model.message(MODEL_GRAPH, graph(in.readMessage(), replacements, extra));
            } else {
                copy(in, model);
            }
        }
        Files.write(target, model.toBytes());
    }

    private static ProtobufWriter graph(
            ProtobufReader in,
            Map<String, ProtobufWriter> replacements,
            List<ProtobufWriter> extra) {
        ProtobufWriter out = new ProtobufWriter();
        while (in.next()) {
            if (in.field() == GRAPH_NODE) {
                ByteBuffer node = in.readBytes();
                ProtobufWriter replacement = replacements.get(nodeName(node));
                out.bytes(GRAPH_NODE, replacement != null ? replacement.toBytes() : bytes(node));
            } else {
                copy(in, out);
            }
        }
        extra.forEach(t -> out.message(GRAPH_INITIALIZER, t));
        return out;
    }

    private static String nodeName(ByteBuffer node) {
        ProtobufReader reader = new ProtobufReader(node);
        while (reader.next()) {
            if (reader.field() == 3) {
                return reader.readString();
            }
            reader.skip();
        }
        return "";
    }

    private static void copy(ProtobufReader in, ProtobufWriter out) {
        if (in.wireType() == ProtobufReader.VARINT) {
            out.varint(in.field(), in.readVarint());
        } else if (in.wireType() == ProtobufReader.LENGTH_DELIMITED) {
            out.bytes(in.field(), bytes(in.readBytes()));
        } else {
            throw new IllegalStateException("unexpected wire type " + in.wireType());
        }
    }

    private static ProtobufWriter floatTensor(String name, long[] dims, FloatBuffer values) {
        ProtobufWriter tensor = new ProtobufWriter();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return tensor.varint(2, OnnxGraph.FLOAT).string(8, name).bytes(9, raw.array());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
