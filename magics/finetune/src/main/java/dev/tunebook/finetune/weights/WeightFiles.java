package dev.tunebook.finetune.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The safetensors files that hold a model's weights, found from a folder, a file or a sharded index
 * ({@code model.safetensors.index.json}), with the index's tensor-to-shard map when there is one.
 *
 * @param files the safetensors files, in the order they are read
 * @param shardOf the shard of every tensor the index names (empty without an index)
 * @param index the sharded index, or null
 */
public record WeightFiles(List<Path> files, Map<String, Path> shardOf, Path index) {
    /** The name of a model's single weights file in its folder. */
    public static final String SINGLE = "model.safetensors";

    /** The name of a sharded model's index in its folder. */
    public static final String INDEX = "model.safetensors.index.json";

    private static final List<String> PICKLE_SUFFIXES = List.of(".bin", ".pt", ".pth", ".ckpt");

    /** Finds the weight files at {@code path}, refusing pickles with instructions. */
    static WeightFiles resolve(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return inFolder(path);
        }
        if (!Files.exists(path)) {
            throw new WeightsFormatException(path, "no such file or folder");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return sharded(path);
        }
        if (isPickle(name)) {
            throw PickleRefusal.of(path);
        }
        if (!name.endsWith(".safetensors")) {
            throw new WeightsFormatException(
                    path, "not a weights file (expected .safetensors or " + INDEX + ")");
        }
        return new WeightFiles(List.of(path), Map.of(), null);
    }

    private static WeightFiles inFolder(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve(INDEX))) {
            return sharded(folder.resolve(INDEX));
        }
        if (Files.isRegularFile(folder.resolve(SINGLE))) {
            return new WeightFiles(List.of(folder.resolve(SINGLE)), Map.of(), null);
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> all = entries.sorted().toList();
            for (Path entry : all) {
                String name = entry.getFileName().toString().toLowerCase(Locale.ROOT);
                if (isPickle(name) || name.equals("pytorch_model.bin.index.json")) {
                    throw PickleRefusal.of(entry);
                }
            }
            List<Path> safetensors =
                    all.stream().filter(p -> p.toString().endsWith(".safetensors")).toList();
            if (safetensors.size() == 1) {
                return new WeightFiles(safetensors, Map.of(), null);
            }
            throw new WeightsFormatException(
                    folder,
                    "no "
                            + SINGLE
                            + " or "
                            + INDEX
                            + " in this folder"
                            + (safetensors.isEmpty() ? "" : " (found " + names(safetensors) + ")"));
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static boolean isPickle(String lowerCaseName) {
        return PICKLE_SUFFIXES.stream().anyMatch(lowerCaseName::endsWith);
    }

    private static WeightFiles sharded(Path index) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(index.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WeightsFormatException(index, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new WeightsFormatException(index, "field 'weight_map' must be an object");
        }
        Map<String, Path> shardOf = new LinkedHashMap<>();
        Set<Path> files = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Path shard = shardPath(index, entry.getKey(), entry.getValue());
            shardOf.put(entry.getKey(), shard);
            files.add(shard);
        }
        return new WeightFiles(new ArrayList<>(files), shardOf, index);
    }

    private static Path shardPath(Path index, String tensor, JsonNode value)
            throws WeightsFormatException {
        String where = "weight_map entry '" + tensor + "': ";
        if (!value.isTextual()) {
            throw new WeightsFormatException(index, where + "shard must be a file name");
        }
        String name = value.asText();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new WeightsFormatException(
                    index, where + "shard '" + name + "' must be a plain file name in this folder");
        }
        Path shard = index.toAbsolutePath().resolveSibling(name);
        if (!Files.isRegularFile(shard)) {
            throw new WeightsFormatException(index, where + "shard file '" + name + "' is missing");
        }
        return shard;
    }

    /** Checks that every tensor the index names was found in the shard it names. */
    void checkIndex(Map<String, Path> loadedFrom) throws WeightsFormatException {
        for (Map.Entry<String, Path> entry : shardOf.entrySet()) {
            Path actual = loadedFrom.get(entry.getKey());
            if (!entry.getValue().equals(actual)) {
                throw new WeightsFormatException(
                        index,
                        "tensor '"
                                + entry.getKey()
                                + "' is mapped to "
                                + entry.getValue().getFileName()
                                + " but "
                                + (actual == null
                                        ? "no shard contains it"
                                        : "found in " + actual.getFileName()));
            }
        }
    }
}
