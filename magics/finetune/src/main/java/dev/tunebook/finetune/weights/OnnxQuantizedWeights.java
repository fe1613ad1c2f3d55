package dev.tunebook.finetune.weights;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the 8-bit weights of an encoder quantized by onnxruntime's {@code quantize_dynamic} (as
 * transformers.js publishes {@code model_quantized.onnx}) after the float parameters they replace.
 *
 * <ul>
 *   <li>A Linear weight {@code W} becomes {@code W_quantized} ({@code [in, out]}, int8) with {@code
 *       W_scale} and {@code W_zero_point} (per output column), consumed by the {@code
 *       MatMulInteger} node {@code /encoder/layer.0/attention/self/query/MatMul_quant}: it is named
 *       {@code encoder.layer.0.attention.self.query.weight}, to be transposed like a float MatMul
 *       weight.
 *   <li>An embedding table {@code embeddings.word_embeddings.weight} becomes {@code ..._quantized}
 *       (uint8) read by a {@code Gather} whose rows a {@code DequantizeLinear} with the table's
 *       scale and zero point widens (per tensor); it keeps its name without the suffix.
 * </ul>
 *
 * <p>Activations quantized on the fly ({@code DynamicQuantizeLinear}) have no stored weights and
 * are not imported: the imported model runs in float.
 */
final class OnnxQuantizedWeights {
    private static final Pattern MATMUL = Pattern.compile("^/(.+)/MatMul_quant$");
    private static final String SUFFIX = "_quantized";

    private OnnxQuantizedWeights() {}

    /** A quantized weight under its Hugging Face name, stored {@code [in, out]} when transposed. */
    record Named(QuantizedWeight weight, boolean transpose) {}

    /**
     * Returns the quantized weights of {@code graph} by Hugging Face name; empty for a float graph.
     *
     * @throws WeightsFormatException naming the initializer whose scale or zero point is missing or
     *     does not fit
     */
    static Map<String, Named> find(Path file, OnnxGraph graph) throws WeightsFormatException {
        Map<String, OnnxGraph.Tensor> initializers = new HashMap<>();
        graph.initializers.forEach(t -> initializers.put(t.name(), t));
        Map<String, OnnxGraph.Node> producers = new HashMap<>();
        graph.nodes.forEach(n -> n.outputs().forEach(o -> producers.put(o, n)));
        Map<String, Named> found = new LinkedHashMap<>();
        for (OnnxGraph.Node node : graph.nodes) {
            Matcher m = MATMUL.matcher(node.name());
            if (node.opType().equals("MatMulInteger") && m.matches() && node.inputs().size() >= 2) {
                OnnxGraph.Tensor q = initializers.get(node.inputs().get(1));
                if (q != null && q.dims().length == 2) {
                    String zero = node.inputs().size() > 3 ? node.inputs().get(3) : "";
                    QuantizedWeight w = weight(file, initializers, q, scaleName(q), zero);
                    found.put(m.group(1).replace('/', '.') + ".weight", new Named(w, true));
                }
            } else if (node.opType().equals("DequantizeLinear") && node.inputs().size() >= 2) {
                OnnxGraph.Tensor q = stored(node.inputs().get(0), initializers, producers);
                if (q != null && q.name().endsWith(SUFFIX)) {
                    String zero = node.inputs().size() > 2 ? node.inputs().get(2) : "";
                    QuantizedWeight w = weight(file, initializers, q, node.inputs().get(1), zero);
                    if (w.scale().length != 1 || w.zeroPoint().length != 1) {
                        throw new WeightsFormatException(
                                file,
                                "quantized initializer '"
                                        + q.name()
                                        + "' is dequantized per axis (only per tensor is"
                                        + " supported for DequantizeLinear)");
                    }
                    String name = q.name().substring(0, q.name().length() - SUFFIX.length());
                    found.put(name, new Named(w, false));
                }
            }
        }
        return found;
    }

    /** Returns the initializer {@code input} is, or that a {@code Gather} reads rows of. */
    private static OnnxGraph.Tensor stored(
            String input,
            Map<String, OnnxGraph.Tensor> initializers,
            Map<String, OnnxGraph.Node> producers) {
        OnnxGraph.Tensor direct = initializers.get(input);
        if (direct != null) {
            return direct;
        }
        OnnxGraph.Node producer = producers.get(input);
        return producer != null && producer.opType().equals("Gather")
                ? initializers.get(producer.inputs().get(0))
                : null;
    }

    /** onnxruntime's quantizer stores the scale of {@code W_quantized} as {@code W_scale}. */
    private static String scaleName(OnnxGraph.Tensor q) {
        String base =
                q.name().endsWith(SUFFIX)
                        ? q.name().substring(0, q.name().length() - SUFFIX.length())
                        : q.name();
        return base + "_scale";
    }

    private static QuantizedWeight weight(
            Path file,
            Map<String, OnnxGraph.Tensor> initializers,
            OnnxGraph.Tensor q,
            String scaleName,
            String zeroName)
            throws WeightsFormatException {
        OnnxGraph.Tensor scale = initializers.get(scaleName);
        if (scale == null) {
            throw new WeightsFormatException(
                    file,
                    "quantized initializer '"
                            + q.name()
                            + "' has no scale: no initializer '"
                            + scaleName
                            + "'");
        }
        OnnxGraph.Tensor zero = zeroName.isEmpty() ? null : initializers.get(zeroName);
        if (!zeroName.isEmpty() && zero == null) {
            throw new WeightsFormatException(
                    file,
                    "quantized initializer '"
                            + q.name()
                            + "' has a zero point '"
                            + zeroName
                            + "' that is not an initializer");
        }
        return QuantizedWeight.of(file, q, scale, zero);
    }
}
