package dev.tunebook.finetune.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of an ONNX model that weight import needs: the graph's initializers (and the tensors of
 * {@code Constant} nodes) and its nodes' names, op types and inputs. Read with {@link
 * ProtobufReader} from a memory-mapped file; tensor data stay slices of the mapping.
 */
final class OnnxGraph {
    // Field numbers from onnx.proto.
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_TENSOR = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;

    static final int FLOAT = 1;
    static final int INT64 = 7;

    /**
     * An initializer or constant: raw little-endian data or, for float_data, decoded floats; longs
     * holds int64_data, or int32_data (where int8 and uint8 values go when not raw).
     */
    record Tensor(
            String name, int dataType, long[] dims, ByteBuffer raw, float[] floats, long[] longs) {
        long elementCount() {
            return Arrays.stream(dims).reduce(1, Math::multiplyExact);
        }
    }

    /** A node of the graph; {@code constant} is the value of a Constant node, else null. */
    record Node(
            String name,
            String opType,
            List<String> inputs,
            List<String> outputs,
            Tensor constant) {}

    final List<Tensor> initializers = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();

    /** Reads the graph of the ONNX model in {@code file}. */
    static OnnxGraph read(Path file) throws IOException {
        ByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new WeightsFormatException(
                        file, "ONNX file over 2 GiB (external data is not supported)");
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        OnnxGraph graph = new OnnxGraph();
        try {
            ProtobufReader model = new ProtobufReader(mapped.order(ByteOrder.LITTLE_ENDIAN));
            boolean found = false;
            while (model.next()) {
                if (model.field() == MODEL_GRAPH
                        && model.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                    graph.readGraph(model.readMessage(), file);
                    found = true;
                } else {
                    model.skip();
                }
            }
            if (!found) {
                throw new WeightsFormatException(file, "no graph in the ONNX model");
            }
        } catch (RuntimeException e) {
            throw new WeightsFormatException(
                    file, "not a readable ONNX model: " + e.getMessage(), e);
        }
        return graph;
    }

    private void readGraph(ProtobufReader graph, Path file) throws WeightsFormatException {
        while (graph.next()) {
            if (graph.field() == GRAPH_INITIALIZER) {
                initializers.add(readTensor(graph.readMessage(), file));
            } else if (graph.field() == GRAPH_NODE) {
                nodes.add(readNode(graph.readMessage(), file));
            } else {
                graph.skip();
            }
        }
    }

    private static Node readNode(ProtobufReader node, Path file) throws WeightsFormatException {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Tensor constant = null;
        while (node.next()) {
            switch (node.field()) {
                case NODE_INPUT -> inputs.add(node.readString());
                case NODE_OUTPUT -> outputs.add(node.readString());
                case NODE_NAME -> name = node.readString();
                case NODE_OP_TYPE -> opType = node.readString();
                case NODE_ATTRIBUTE -> {
                    Tensor value = readTensorAttribute(node.readMessage(), file);
                    constant = value != null ? value : constant;
                }
                default -> node.skip();
            }
        }
        return new Node(name, opType, inputs, outputs, "Constant".equals(opType) ? constant : null);
    }

    private static Tensor readTensorAttribute(ProtobufReader attribute, Path file)
            throws WeightsFormatException {
        String name = "";
        Tensor tensor = null;
        while (attribute.next()) {
            if (attribute.field() == ATTRIBUTE_NAME) {
                name = attribute.readString();
            } else if (attribute.field() == ATTRIBUTE_TENSOR) {
                tensor = readTensor(attribute.readMessage(), file);
            } else {
                attribute.skip();
            }
        }
        return "value".equals(name) ? tensor : null;
    }

    private static Tensor readTensor(ProtobufReader tensor, Path file)
            throws WeightsFormatException {
        long[][] dims = {new long[4]};
        int dimCount = 0;
        long[][] longs = {new long[0]};
        int longCount = 0;
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        FloatCollector floats = new FloatCollector();
        while (tensor.next()) {
            switch (tensor.field()) {
                case TENSOR_DIMS -> dimCount = tensor.readInt64s(dims, dimCount);
                case TENSOR_DATA_TYPE -> dataType = (int) tensor.readVarint();
                case TENSOR_NAME -> name = tensor.readString();
                case TENSOR_RAW_DATA -> raw = tensor.readBytes();
                case TENSOR_FLOAT_DATA -> floats.read(tensor);
                case TENSOR_INT64_DATA, TENSOR_INT32_DATA ->
                        longCount = tensor.readInt64s(longs, longCount);
                case TENSOR_DATA_LOCATION -> {
                    if (tensor.readVarint() != 0) {
                        throw new WeightsFormatException(
                                file,
                                "tensor '"
                                        + name
                                        + "' keeps its data in an external file (not supported)");
                    }
                }
                default -> tensor.skip();
            }
        }
        return new Tensor(
                name,
                dataType,
                Arrays.copyOf(dims[0], dimCount),
                raw,
                floats.values(),
                Arrays.copyOf(longs[0], longCount));
    }

    /** Collects the float_data field, packed or one value per field. */
    private static final class FloatCollector {
        private float[] values = new float[0];
        private int count;

        void read(ProtobufReader tensor) {
            if (tensor.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                ByteBuffer packed = tensor.readBytes();
                grow(packed.remaining() / 4);
                packed.asFloatBuffer().get(values, count, packed.remaining() / 4);
                count += packed.remaining() / 4;
            } else {
                grow(1);
                values[count++] = Float.intBitsToFloat((int) readFixed32(tensor));
            }
        }

        private static long readFixed32(ProtobufReader tensor) {
            ByteBuffer four = tensor.readFixed32();
            return four.getInt(0);
        }

        private void grow(int more) {
            if (count + more > values.length) {
                values = Arrays.copyOf(values, Math.max(count + more, values.length * 2));
            }
        }

        float[] values() {
            return Arrays.copyOf(values, count);
        }
    }
}
