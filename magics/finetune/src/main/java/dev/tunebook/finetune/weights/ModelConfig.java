package dev.tunebook.finetune.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tunebook.finetune.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The hyper-parameters of a Hugging Face model, read from its {@code config.json} with the names
 * and defaults transformers uses for each family (e.g. GPT-2's {@code n_embd}, Llama's {@code
 * rms_norm_eps}, {@code rope_theta} or {@code rope_parameters.rope_theta}).
 *
 * @param architecture the model family
 * @param modelType the {@code model_type} as written
 * @param architectures the transformers classes named in {@code architectures}
 * @param vocabSize rows of the token embedding
 * @param hiddenSize width of the residual stream
 * @param numLayers number of transformer blocks
 * @param numHeads attention (query) heads
 * @param numKvHeads key/value heads (fewer than {@code numHeads} under grouped-query attention)
 * @param headDim width of one head
 * @param intermediateSize width of the feed-forward layer
 * @param maxPositions context length (learned or rotary positions)
 * @param normEps epsilon of LayerNorm or RMSNorm
 * @param activation feed-forward activation ({@code gelu_new}, {@code silu}, {@code gelu}, ...)
 * @param ropeTheta RoPE base frequency, 0 for families without RoPE
 * @param ropeType RoPE scaling type ({@code default} when unscaled), empty without RoPE
 * @param tieWordEmbeddings whether the output head shares the token embedding
 * @param qkvBias whether the query, key and value projections have biases
 * @param outputBias whether the attention output projection has a bias
 * @param mlpBias whether the feed-forward projections have biases
 * @param typeVocabSize token-type vocabulary (BERT), 0 otherwise
 * @param numLabels classes of a classification head
 * @param id2label class names by index, empty when the config names none
 * @param bosTokenId beginning-of-sequence token, if any
 * @param eosTokenIds end-of-sequence tokens (some models have several), possibly empty
 * @param padTokenId padding token, if any
 * @param dtype the {@code dtype} (or older {@code torch_dtype}) the weights were saved in
 * @param json the whole {@code config.json}, for fields not modelled here
 */
public record ModelConfig(
        Architecture architecture,
        String modelType,
        List<String> architectures,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int intermediateSize,
        int maxPositions,
        double normEps,
        String activation,
        double ropeTheta,
        String ropeType,
        boolean tieWordEmbeddings,
        boolean qkvBias,
        boolean outputBias,
        boolean mlpBias,
        int typeVocabSize,
        int numLabels,
        Map<Integer, String> id2label,
        OptionalInt bosTokenId,
        List<Integer> eosTokenIds,
        OptionalInt padTokenId,
        Optional<String> dtype,
        JsonNode json) {
    static final String FILE_NAME = "config.json";

    /**
     * Reads {@code path}: a {@code config.json} or a folder containing one.
     *
     * @throws WeightsFormatException if the file is missing, not JSON, has an unsupported {@code
     *     model_type} or a missing or wrong-typed field; the message names the file and field
     */
    public static ModelConfig read(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.isRegularFile(file)) {
            throw new WeightsFormatException(
                    file, "no such file (a model folder needs a config.json)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WeightsFormatException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        return parse(root, file);
    }

    /** Parses {@code root}, naming {@code source} in errors. */
    public static ModelConfig parse(JsonNode root, Path source) throws WeightsFormatException {
        return ModelConfigReader.read(new ConfigFields(source, root));
    }

    /** Returns whether this is a causal (decoder-only) language model. */
    public boolean isCausal() {
        return architecture.isCausal();
    }

    /**
     * Returns the sliding attention window, or 0 for full attention: Mistral's {@code
     * sliding_window}, and Qwen2's when {@code use_sliding_window} is true.
     */
    public int slidingWindow() {
        boolean applies =
                architecture == Architecture.MISTRAL
                        || (architecture == Architecture.QWEN2
                                && json.path("use_sliding_window").asBoolean(false));
        JsonNode window = json.path("sliding_window");
        return applies && window.canConvertToInt() && window.isIntegralNumber()
                ? window.asInt()
                : 0;
    }

    /**
     * Returns the RoPE parameters object ({@code rope_parameters}, or the older {@code
     * rope_scaling}), or a missing node when the config has neither.
     */
    public JsonNode ropeParameters() {
        return json.hasNonNull("rope_parameters")
                ? json.get("rope_parameters")
                : json.path("rope_scaling");
    }

    /**
     * Returns the dropout rate the config gives under the first present name of {@code names} (e.g.
     * {@code resid_pdrop}, {@code hidden_dropout_prob}), or {@code fallback}; a null value counts
     * as absent.
     */
    public double dropout(double fallback, String... names) {
        for (String name : names) {
            JsonNode value = json.path(name);
            if (value.isNumber()) {
                return value.asDouble();
            }
        }
        return fallback;
    }

    /** Writes the configuration as {@code config.json} in {@code folder}, atomically. */
    public void write(Path folder) throws IOException {
        AtomicFile.write(
                folder.resolve(FILE_NAME),
                temp ->
                        new ObjectMapper()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .writeValue(temp.toFile(), json));
    }
}
