package dev.tunebook.finetune.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fixed split read from a JSON file of the form {@code {"SOURCE": {"SPLIT": [positions...]}}},
 * where SOURCE is a data file's name without extension ({@code amazon} for {@code amazon.jsonl})
 * and positions are 0-based: line numbers for JSONL, record indices for JSON, CSV and TSV. This is
 * the format of the UCI sentiment split. Instances are immutable.
 */
public final class SplitFile {
    private final Path file;
    private final Map<String, Map<String, int[]>> sources;

    private SplitFile(Path file, Map<String, Map<String, int[]>> sources) {
        this.file = file;
        this.sources = sources;
    }

    /**
     * Reads a split file.
     *
     * @throws IOException when it cannot be read or is not of the documented form (the message
     *     names the file and the offending entry)
     */
    public static SplitFile read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected an object {source: {split: [lines]}}");
        }
        Map<String, Map<String, int[]>> sources = new LinkedHashMap<>();
        for (var source : root.properties()) {
            sources.put(source.getKey(), readSplits(file, source.getKey(), source.getValue()));
        }
        return new SplitFile(file, sources);
    }

    private static Map<String, int[]> readSplits(Path file, String source, JsonNode node)
            throws IOException {
        if (!node.isObject()) {
            throw new IOException(file + ": '" + source + "' is not an object of splits");
        }
        Map<String, int[]> splits = new LinkedHashMap<>();
        for (var split : node.properties()) {
            JsonNode list = split.getValue();
            int[] positions = new int[list.size()];
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).canConvertToInt() || list.get(i).asInt() < 0) {
                    throw new IOException(
                            file
                                    + ": "
                                    + source
                                    + "."
                                    + split.getKey()
                                    + "["
                                    + i
                                    + "] is not a line number");
                }
                positions[i] = list.get(i).asInt();
            }
            splits.put(split.getKey(), positions);
        }
        return splits;
    }

    /** Returns the source names the file has splits for. */
    public Set<String> sources() {
        return sources.keySet();
    }

    /**
     * Maps the split file onto loaded rows.
     *
     * @param rowSources the source name of each row
     * @param rowPositions the 0-based position of each row in its source
     * @param skipped positions per source of rows dropped as bad: a split may name them
     * @throws IllegalArgumentException when a loaded source has no entry, a position is not a row
     *     of its source, or a row is in two splits
     */
    Splits apply(String[] rowSources, int[] rowPositions, Map<String, Set<Integer>> skipped) {
        Map<String, Map<Integer, Integer>> rowAt = new LinkedHashMap<>();
        for (int row = 0; row < rowSources.length; row++) {
            rowAt.computeIfAbsent(rowSources[row], s -> new HashMap<>())
                    .put(rowPositions[row], row);
        }
        Map<String, List<Integer>> result = new LinkedHashMap<>();
        int[] assigned = new int[rowSources.length];
        for (String source : rowAt.keySet()) {
            Map<String, int[]> splits = sources.get(source);
            if (splits == null) {
                throw new IllegalArgumentException(
                        file + " has no splits for source '" + source + "'; it has " + sources());
            }
            splits.forEach(
                    (split, positions) -> {
                        List<Integer> rows = result.computeIfAbsent(split, s -> new ArrayList<>());
                        for (int position : positions) {
                            Integer row = rowAt.get(source).get(position);
                            if (row == null) {
                                checkSkipped(source, split, position, skipped);
                                continue;
                            }
                            checkUnassigned(assigned, row, source, split, position);
                            rows.add(row);
                        }
                    });
        }
        Map<String, int[]> splits = new LinkedHashMap<>();
        result.forEach(
                (name, rows) ->
                        splits.put(name, rows.stream().mapToInt(i -> i).sorted().toArray()));
        return new Splits(splits);
    }

    private void checkSkipped(
            String source, String split, int position, Map<String, Set<Integer>> skipped) {
        if (!skipped.getOrDefault(source, Set.of()).contains(position)) {
            throw new IllegalArgumentException(
                    file
                            + ": "
                            + source
                            + "."
                            + split
                            + " names line "
                            + position
                            + ", which is not a row of "
                            + source);
        }
    }

    private void checkUnassigned(
            int[] assigned, int row, String source, String split, int position) {
        if (assigned[row]++ > 0) {
            throw new IllegalArgumentException(
                    file
                            + ": line "
                            + position
                            + " of "
                            + source
                            + " is in more than one split (again in "
                            + split
                            + ")");
        }
    }
}
