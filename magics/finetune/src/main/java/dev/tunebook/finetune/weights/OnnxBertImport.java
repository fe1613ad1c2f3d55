package dev.tunebook.finetune.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the weights of a BERT-family encoder (BERT, MiniLM) exported to ONNX by transformers'
 * exporter, under the parameter names transformers uses.
 *
 * <p>Named initializers (embeddings, LayerNorm, biases) keep their names. The exporter leaves the
 * Linear weights anonymous ({@code onnx::MatMul_787}) and stored {@code [in, out]}; each is named
 * from the MatMul node that consumes it ({@code /encoder/layer.0/attention/self/query/MatMul} →
 * {@code encoder.layer.0.attention.self.query.weight}) and transposed to PyTorch's {@code [out,
 * in]}. Every parameter of the encoder must be present with its expected shape.
 *
 * <p>A dynamically quantized export (8-bit weights with scales and zero points, see {@link
 * OnnxQuantizedWeights}) is dequantized to float parameters on import, so it runs and fine-tunes
 * like a float one.
 */
public final class OnnxBertImport {
    private static final Pattern MATMUL = Pattern.compile("^/(.+)/MatMul$");

    private OnnxBertImport() {}

    /** Imports {@code onnxFile}, inferring the configuration from its tensors and graph. */
    public static ModelWeights read(Path onnxFile, NDManager manager) throws IOException {
        return read(onnxFile, null, manager);
    }

    /**
     * Imports {@code onnxFile} with {@code config} (null to infer it from the tensors and graph).
     *
     * @throws WeightsFormatException if the file is not readable ONNX or a parameter is missing or
     *     has the wrong shape; the message names the file and the parameter
     */
    public static ModelWeights read(Path onnxFile, ModelConfig config, NDManager manager)
            throws IOException {
        OnnxGraph graph = OnnxGraph.read(onnxFile);
        Map<String, Source> sources = namedTensors(graph);
        OnnxQuantizedWeights.find(onnxFile, graph)
                .forEach((name, q) -> sources.put(name, new Source(q.weight(), q.transpose())));
        ModelConfig resolved =
                config != null ? config : OnnxBertConfig.infer(onnxFile, graph, shapes(sources));
        Map<String, long[]> expected = BertParameters.expected(resolved);
        check(onnxFile, sources, expected);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        try {
            for (String name : expected.keySet()) {
                NDArray array = toNDArray(onnxFile, sources.get(name), manager);
                array.setName(name);
                weights.put(name, array);
            }
        } catch (IOException | RuntimeException e) {
            weights.values().forEach(NDArray::close);
            throw e;
        }
        return new ModelWeights(resolved, weights);
    }

    /**
     * A float tensor of the graph under its Hugging Face name, to be transposed or not; {@code
     * quantized} when it is stored in 8 bits.
     */
    private record Source(OnnxGraph.Tensor tensor, boolean transpose, QuantizedWeight quantized) {
        Source(OnnxGraph.Tensor tensor, boolean transpose) {
            this(tensor, transpose, null);
        }

        Source(QuantizedWeight quantized, boolean transpose) {
            this(quantized.values(), transpose, quantized);
        }

        long[] shape() {
            long[] dims = tensor.dims();
            return transpose ? new long[] {dims[1], dims[0]} : dims;
        }
    }

    private static Map<String, Source> namedTensors(OnnxGraph graph) {
        Map<String, OnnxGraph.Tensor> byName = new HashMap<>();
        graph.initializers.forEach(t -> byName.put(t.name(), t));
        Map<String, Source> sources = new LinkedHashMap<>();
        for (OnnxGraph.Tensor t : graph.initializers) {
            if (!t.name().startsWith("onnx::") && t.dataType() == OnnxGraph.FLOAT) {
                sources.put(t.name(), new Source(t, false));
            }
        }
        for (OnnxGraph.Node node : graph.nodes) {
            Matcher m = MATMUL.matcher(node.name());
            if (node.opType().equals("MatMul") && m.matches() && node.inputs().size() == 2) {
                OnnxGraph.Tensor weight = byName.get(node.inputs().get(1));
                if (weight != null && weight.dims().length == 2) {
                    sources.put(m.group(1).replace('/', '.') + ".weight", new Source(weight, true));
                }
            }
        }
        return sources;
    }

    private static Map<String, long[]> shapes(Map<String, Source> sources) {
        Map<String, long[]> shapes = new HashMap<>();
        sources.forEach((name, source) -> shapes.put(name, source.shape()));
        return shapes;
    }

    private static void check(Path file, Map<String, Source> sources, Map<String, long[]> expected)
            throws WeightsFormatException {
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Source source = sources.get(e.getKey());
            if (source == null) {
                throw new WeightsFormatException(
                        file, "BERT parameter '" + e.getKey() + "' is missing from the ONNX graph");
            }
            if (!Arrays.equals(source.shape(), e.getValue())) {
                throw new WeightsFormatException(
                        file,
                        "BERT parameter '"
                                + e.getKey()
                                + "' has shape "
                                + Arrays.toString(source.shape())
                                + ", expected "
                                + Arrays.toString(e.getValue()));
            }
            OnnxGraph.Tensor t = source.tensor();
            if (source.quantized() != null) {
                continue;
            }
            long available = t.raw() != null ? t.raw().remaining() / 4 : t.floats().length;
            if (available != t.elementCount()) {
                throw new WeightsFormatException(
                        file,
                        "BERT parameter '"
                                + e.getKey()
                                + "' (initializer '"
                                + t.name()
                                + "') holds "
                                + available
                                + " floats, its dims need "
                                + t.elementCount());
            }
        }
    }

    private static NDArray toNDArray(Path file, Source source, NDManager manager)
            throws IOException {
        OnnxGraph.Tensor t = source.tensor();
        FloatBuffer src =
                source.quantized() != null
                        ? source.quantized().dequantize()
                        : t.raw() != null
                                ? t.raw().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                                : FloatBuffer.wrap(t.floats());
        return NativeArrays.create(
                manager,
                new Shape(source.shape()),
                DataType.FLOAT32,
                buffer -> copy(src, t.dims(), source.transpose(), buffer));
    }

    private static void copy(FloatBuffer src, long[] dims, boolean transpose, ByteBuffer dst) {
        FloatBuffer out = dst.asFloatBuffer();
        if (!transpose) {
            out.put(src);
            return;
        }
        int rows = (int) dims[0];
        int cols = (int) dims[1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out.put(c * rows + r, src.get(r * cols + c));
            }
        }
    }
}
