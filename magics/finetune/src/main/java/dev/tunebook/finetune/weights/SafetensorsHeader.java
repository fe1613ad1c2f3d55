package dev.tunebook.finetune.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates the JSON header of a safetensors file against the size of its data section,
 * so that no later read can leave the file or alias another tensor.
 */
final class SafetensorsHeader {
    /** The largest header the reference implementation accepts. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    Map<String, TensorInfo> tensors() {
        return tensors;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /** Parses {@code json}, checking every entry against a data section of {@code dataSize}. */
    static SafetensorsHeader parse(Path file, byte[] json, long dataSize)
            throws WeightsFormatException {
        JsonNode root = readJson(file, json);
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = Map.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals(METADATA_KEY)) {
                metadata = readMetadata(file, entry.getValue());
            } else {
                TensorInfo info = readTensor(file, entry.getKey(), entry.getValue(), dataSize);
                tensors.put(info.name(), info);
            }
        }
        rejectOverlaps(file, tensors.values());
        return new SafetensorsHeader(
                Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static JsonNode readJson(Path file, byte[] json) throws WeightsFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(
                    file, "header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new WeightsFormatException(file, "header is unreadable: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WeightsFormatException(
                    file,
                    "header must be a JSON object of tensors, found "
                            + (root == null ? "nothing" : root.getNodeType()));
        }
        return root;
    }

    private static Map<String, String> readMetadata(Path file, JsonNode node)
            throws WeightsFormatException {
        if (!node.isObject()) {
            throw new WeightsFormatException(file, "__metadata__ must be an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new WeightsFormatException(
                        file, "__metadata__ field '" + entry.getKey() + "' must be a string");
            }
            metadata.put(entry.getKey(), entry.getValue().asText());
        }
        return metadata;
    }

    private static TensorInfo readTensor(Path file, String name, JsonNode node, long dataSize)
            throws WeightsFormatException {
        String where = "tensor '" + name + "': ";
        if (!node.isObject()) {
            throw new WeightsFormatException(file, where + "entry must be an object");
        }
        DType dtype = readDType(file, where, node.get("dtype"));
        long[] shape = readLongs(file, where, "shape", node.get("shape"), -1);
        long[] offsets = readLongs(file, where, "data_offsets", node.get("data_offsets"), 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new WeightsFormatException(
                    file, where + "data_offsets [" + begin + ", " + end + "] begin after end");
        }
        if (end > dataSize) {
            throw new WeightsFormatException(
                    file,
                    where
                            + "data_offsets ["
                            + begin
                            + ", "
                            + end
                            + "] extend past the data section ("
                            + dataSize
                            + " bytes; is the file truncated?)");
        }
        checkByteLength(file, where, dtype, shape, end - begin);
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static DType readDType(Path file, String where, JsonNode node)
            throws WeightsFormatException {
        if (node == null || !node.isTextual()) {
            throw new WeightsFormatException(file, where + "field 'dtype' must be a string");
        }
        return DType.fromHeader(node.asText())
                .orElseThrow(
                        () ->
                                new WeightsFormatException(
                                        file,
                                        where
                                                + "unknown dtype '"
                                                + node.asText()
                                                + "' (known: "
                                                + List.of(DType.values())
                                                + ")"));
    }

    private static long[] readLongs(
            Path file, String where, String field, JsonNode node, int expectedLength)
            throws WeightsFormatException {
        if (node == null || !node.isArray()) {
            throw new WeightsFormatException(
                    file, where + "field '" + field + "' must be an array of integers");
        }
        if (expectedLength >= 0 && node.size() != expectedLength) {
            throw new WeightsFormatException(
                    file,
                    where
                            + "field '"
                            + field
                            + "' must have "
                            + expectedLength
                            + " entries, has "
                            + node.size());
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
                throw new WeightsFormatException(
                        file,
                        where
                                + "field '"
                                + field
                                + "' entry "
                                + i
                                + " is not a non-negative"
                                + " integer: "
                                + value);
            }
            values[i] = value.asLong();
        }
        return values;
    }

    private static void checkByteLength(
            Path file, String where, DType dtype, long[] shape, long byteLength)
            throws WeightsFormatException {
        long expected;
        try {
            long count = 1;
            for (long dim : shape) {
                count = Math.multiplyExact(count, dim);
            }
            expected = Math.multiplyExact(count, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new WeightsFormatException(file, where + "shape is too large");
        }
        if (expected != byteLength) {
            throw new WeightsFormatException(
                    file,
                    where
                            + "shape "
                            + java.util.Arrays.toString(shape)
                            + " of "
                            + dtype
                            + " needs "
                            + expected
                            + " bytes but data_offsets span "
                            + byteLength);
        }
    }

    private static void rejectOverlaps(Path file, Iterable<TensorInfo> tensors)
            throws WeightsFormatException {
        List<TensorInfo> sorted = new ArrayList<>();
        tensors.forEach(sorted::add);
        sorted.removeIf(t -> t.begin() == t.end());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo previous = sorted.get(i - 1);
            TensorInfo current = sorted.get(i);
            if (current.begin() < previous.end()) {
                throw new WeightsFormatException(
                        file,
                        "tensor '"
                                + current.name()
                                + "': data_offsets ["
                                + current.begin()
                                + ", "
                                + current.end()
                                + "] overlap tensor '"
                                + previous.name()
                                + "' ["
                                + previous.begin()
                                + ", "
                                + previous.end()
                                + "]");
            }
        }
    }
}
