package dev.tunebook.finetune.weights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads a {@link ModelConfig} with the field names and defaults transformers uses per family. */
final class ModelConfigReader {
    private ModelConfigReader() {}

    static ModelConfig read(ConfigFields f) throws WeightsFormatException {
        if (!f.root().isObject()) {
            throw new WeightsFormatException(f.file(), "must be a JSON object");
        }
        String type = f.optString(null, "model_type");
        if (type == null) {
            throw f.error("model_type", "is missing (supported: " + supported() + ")");
        }
        Architecture arch =
                Architecture.fromModelType(type)
                        .orElseThrow(
                                () ->
                                        f.error(
                                                "model_type",
                                                "'"
                                                        + type
                                                        + "' is not supported (supported: "
                                                        + supported()
                                                        + ")"));
        return switch (arch) {
            case GPT2 -> gpt2(f, type);
            case BERT -> bert(f, type);
            default -> llamaFamily(f, arch, type);
        };
    }

    private static String supported() {
        return String.join(", ", Architecture.supportedModelTypes());
    }

    private static ModelConfig gpt2(ConfigFields f, String type) throws WeightsFormatException {
        int hidden = f.requirePositiveInt("n_embd", "hidden_size");
        int heads = f.requirePositiveInt("n_head", "num_attention_heads");
        return new ModelConfig(
                Architecture.GPT2,
                type,
                architectures(f),
                f.requirePositiveInt("vocab_size"),
                hidden,
                f.requirePositiveInt("n_layer", "num_hidden_layers"),
                heads,
                heads,
                headDim(f, hidden, heads, false),
                f.optPositiveInt(4 * hidden, "n_inner"),
                f.requirePositiveInt("n_positions", "max_position_embeddings"),
                f.optPositiveDouble(1e-5, "layer_norm_epsilon"),
                f.optString("gelu_new", "activation_function"),
                0,
                "",
                f.optBoolean(true, "tie_word_embeddings"),
                true,
                true,
                true,
                0,
                numLabels(f),
                id2label(f),
                f.optTokenId("bos_token_id"),
                f.tokenIds("eos_token_id"),
                f.optTokenId("pad_token_id"),
                dtype(f),
                f.root().deepCopy());
    }

    private static ModelConfig llamaFamily(ConfigFields f, Architecture arch, String type)
            throws WeightsFormatException {
        int hidden = f.requirePositiveInt("hidden_size");
        int heads = f.requirePositiveInt("num_attention_heads");
        int kvHeads = f.optPositiveInt(heads, "num_key_value_heads");
        if (heads % kvHeads != 0) {
            throw f.error(
                    "num_key_value_heads",
                    "(" + kvHeads + ") must divide num_attention_heads (" + heads + ")");
        }
        boolean attentionBias = f.optBoolean(false, "attention_bias");
        String ropeField =
                f.root().hasNonNull("rope_parameters") ? "rope_parameters" : "rope_scaling";
        JsonNode rope = f.optObject(ropeField);
        ConfigFields ropeFields =
                rope == null ? null : new ConfigFields(f.file(), rope, ropeField + ".");
        double theta =
                ropeFields != null && rope.has("rope_theta")
                        ? ropeFields.optPositiveDouble(10000.0, "rope_theta")
                        : f.optPositiveDouble(10000.0, "rope_theta");
        String ropeType =
                ropeFields == null
                        ? "default"
                        : ropeFields.optString("default", "rope_type", "type");
        return new ModelConfig(
                arch,
                type,
                architectures(f),
                f.requirePositiveInt("vocab_size"),
                hidden,
                f.requirePositiveInt("num_hidden_layers"),
                heads,
                kvHeads,
                headDim(f, hidden, heads, true),
                f.requirePositiveInt("intermediate_size"),
                f.requirePositiveInt("max_position_embeddings"),
                f.optPositiveDouble(1e-6, "rms_norm_eps"),
                f.optString("silu", "hidden_act"),
                theta,
                ropeType,
                f.optBoolean(false, "tie_word_embeddings"),
                arch == Architecture.QWEN2 || attentionBias,
                attentionBias,
                f.optBoolean(false, "mlp_bias"),
                0,
                numLabels(f),
                id2label(f),
                f.optTokenId("bos_token_id"),
                f.tokenIds("eos_token_id"),
                f.optTokenId("pad_token_id"),
                dtype(f),
                f.root().deepCopy());
    }

    private static ModelConfig bert(ConfigFields f, String type) throws WeightsFormatException {
        String positions = f.optString("absolute", "position_embedding_type");
        if (!positions.equals("absolute")) {
            throw f.error(
                    "position_embedding_type",
                    "'" + positions + "' is not supported (only 'absolute')");
        }
        int hidden = f.requirePositiveInt("hidden_size");
        int heads = f.requirePositiveInt("num_attention_heads");
        return new ModelConfig(
                Architecture.BERT,
                type,
                architectures(f),
                f.requirePositiveInt("vocab_size"),
                hidden,
                f.requirePositiveInt("num_hidden_layers"),
                heads,
                heads,
                headDim(f, hidden, heads, false),
                f.requirePositiveInt("intermediate_size"),
                f.requirePositiveInt("max_position_embeddings"),
                f.optPositiveDouble(1e-12, "layer_norm_eps"),
                f.optString("gelu", "hidden_act"),
                0,
                "",
                f.optBoolean(true, "tie_word_embeddings"),
                true,
                true,
                true,
                f.optPositiveInt(2, "type_vocab_size"),
                numLabels(f),
                id2label(f),
                f.optTokenId("bos_token_id"),
                f.tokenIds("eos_token_id"),
                f.optTokenId("pad_token_id"),
                dtype(f),
                f.root().deepCopy());
    }

    private static int headDim(ConfigFields f, int hidden, int heads, boolean explicitAllowed)
            throws WeightsFormatException {
        if (explicitAllowed && f.root().hasNonNull("head_dim")) {
            return f.optPositiveInt(0, "head_dim");
        }
        if (hidden % heads != 0) {
            throw f.error(
                    "num_attention_heads",
                    "(" + heads + ") must divide the hidden size (" + hidden + ")");
        }
        return hidden / heads;
    }

    private static List<String> architectures(ConfigFields f) throws WeightsFormatException {
        JsonNode node = f.root().get("architectures");
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            return names;
        }
        if (!node.isArray()) {
            throw f.error("architectures", "must be a list of class names, found " + node);
        }
        for (JsonNode name : node) {
            if (!name.isTextual()) {
                throw f.error("architectures", "must be a list of class names, found " + node);
            }
            names.add(name.asText());
        }
        return Collections.unmodifiableList(names);
    }

    private static Map<Integer, String> id2label(ConfigFields f) throws WeightsFormatException {
        JsonNode node = f.optObject("id2label");
        Map<Integer, String> labels = new TreeMap<>();
        if (node == null) {
            return labels;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("\\d{1,9}") || !e.getValue().isTextual()) {
                throw f.error(
                        "id2label",
                        "must map class indices to names, found \""
                                + e.getKey()
                                + "\": "
                                + e.getValue());
            }
            labels.put(Integer.parseInt(e.getKey()), e.getValue().asText());
        }
        return Collections.unmodifiableMap(labels);
    }

    private static int numLabels(ConfigFields f) throws WeightsFormatException {
        int fromLabels = id2label(f).size();
        int declared = f.optPositiveInt(fromLabels == 0 ? 2 : fromLabels, "num_labels");
        if (fromLabels != 0 && declared != fromLabels) {
            throw f.error(
                    "num_labels",
                    "(" + declared + ") disagrees with id2label (" + fromLabels + " labels)");
        }
        return declared;
    }

    private static Optional<String> dtype(ConfigFields f) throws WeightsFormatException {
        return Optional.ofNullable(f.optString(null, "dtype", "torch_dtype"));
    }
}
