package dev.tunebook.finetune.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Infers the {@code config.json} of a BERT encoder exported to ONNX: sizes from the parameter
 * shapes, the head count from the constant shape the attention reshapes its projections to, and the
 * LayerNorm epsilon from the constant the embeddings' LayerNorm adds.
 */
final class OnnxBertConfig {
    private static final String ATTENTION = "/encoder/layer.0/attention/self/";

    private OnnxBertConfig() {}

    static ModelConfig infer(Path file, OnnxGraph graph, Map<String, long[]> shapes)
            throws WeightsFormatException {
        long[] words = require(file, shapes, "embeddings.word_embeddings.weight");
        long hidden = words[1];
        int layers = 0;
        while (shapes.containsKey("encoder.layer." + layers + ".attention.self.query.weight")) {
            layers++;
        }
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.putArray("architectures").add("BertModel");
        json.put("model_type", "bert");
        json.put("vocab_size", words[0]);
        json.put("hidden_size", hidden);
        json.put("num_hidden_layers", layers);
        json.put("num_attention_heads", heads(file, graph, hidden));
        json.put(
                "intermediate_size",
                require(file, shapes, "encoder.layer.0.intermediate.dense.weight")[0]);
        json.put(
                "max_position_embeddings",
                require(file, shapes, "embeddings.position_embeddings.weight")[0]);
        json.put(
                "type_vocab_size",
                require(file, shapes, "embeddings.token_type_embeddings.weight")[0]);
        json.put("layer_norm_eps", epsilon(graph));
        json.put("hidden_act", "gelu");
        json.put("pad_token_id", 0);
        return ModelConfig.parse(json, file);
    }

    private static long[] require(Path file, Map<String, long[]> shapes, String name)
            throws WeightsFormatException {
        long[] shape = shapes.get(name);
        if (shape == null || shape.length != 2) {
            throw new WeightsFormatException(
                    file, "BERT parameter '" + name + "' is missing from the ONNX graph");
        }
        return shape;
    }

    /** Finds the Concat building {@code [batch, seq, heads, headDim]} for the first attention. */
    private static long heads(Path file, OnnxGraph graph, long hidden)
            throws WeightsFormatException {
        Map<String, Long> constants = new HashMap<>();
        for (OnnxGraph.Node node : graph.nodes) {
            if (node.constant() != null && node.constant().dataType() == OnnxGraph.INT64) {
                Long value = scalarLong(node.constant());
                if (value != null) {
                    constants.put(node.outputs().get(0), value);
                }
            }
        }
        for (OnnxGraph.Node node : graph.nodes) {
            if (node.opType().equals("Concat")
                    && node.name().startsWith(ATTENTION)
                    && node.inputs().size() == 4) {
                Long heads = constants.get(node.inputs().get(2));
                Long headDim = constants.get(node.inputs().get(3));
                if (heads != null && headDim != null && heads > 0 && heads * headDim == hidden) {
                    return heads;
                }
            }
        }
        throw new WeightsFormatException(
                file,
                "cannot infer num_attention_heads from the graph (no reshape to [batch, seq, heads,"
                        + " head_dim] under "
                        + ATTENTION
                        + "); pass a ModelConfig");
    }

    private static Long scalarLong(OnnxGraph.Tensor t) {
        if (t.elementCount() != 1) {
            return null;
        }
        if (t.raw() != null && t.raw().remaining() == 8) {
            return t.raw().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        }
        return t.longs().length == 1 ? t.longs()[0] : null;
    }

    private static double epsilon(OnnxGraph graph) {
        for (OnnxGraph.Node node : graph.nodes) {
            OnnxGraph.Tensor t = node.constant();
            if (node.name().equals("/embeddings/LayerNorm/Constant_1")
                    && t != null
                    && t.dataType() == OnnxGraph.FLOAT
                    && t.raw() != null
                    && t.raw().remaining() == 4) {
                float eps = t.raw().order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
                if (eps > 0 && eps < 1e-3) {
                    // The shortest decimal that rounds to the float: 1e-12, not 9.9999999e-13.
                    return Double.parseDouble(Float.toString(eps));
                }
            }
        }
        return 1e-12;
    }
}
