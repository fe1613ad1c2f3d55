package dev.tunebook.finetune.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.weights.SafetensorsFile;
import dev.tunebook.finetune.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AdamW state as a safetensors file: tensors {@code NAME.exp_avg} and {@code NAME.exp_avg_sq}
 * per parameter, and in the metadata the optimizer name, its hyperparameters and the per-parameter
 * step counts as a JSON object under {@code steps}.
 */
final class AdamWStateFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXP_AVG = ".exp_avg";
    private static final String EXP_AVG_SQ = ".exp_avg_sq";

    private AdamWStateFile() {}

    static void write(
            Path file, Map<String, String> hyperparameters, Map<String, MomentState> state)
            throws IOException {
        Map<String, Long> steps = new LinkedHashMap<>();
        SafetensorsWriter writer = new SafetensorsWriter();
        state.forEach(
                (name, moments) -> {
                    writer.add(name + EXP_AVG, moments.expAvg());
                    writer.add(name + EXP_AVG_SQ, moments.expAvgSq());
                    steps.put(name, moments.steps());
                });
        Map<String, String> metadata = new LinkedHashMap<>(hyperparameters);
        metadata.put("format", "pt");
        metadata.put("optimizer", "AdamW");
        metadata.put("steps", JSON.writeValueAsString(steps));
        writer.optMetadata(metadata).write(file);
    }

    static Map<String, MomentState> read(
            Path file, Map<String, String> hyperparameters, NDManager manager) throws IOException {
        try (SafetensorsFile in = SafetensorsFile.open(file)) {
            Map<String, String> metadata = in.metadata();
            if (!"AdamW".equals(metadata.get("optimizer")) || !metadata.containsKey("steps")) {
                throw new IOException(file + ": not an AdamW state (no optimizer/steps metadata)");
            }
            checkHyperparameters(file, hyperparameters, metadata);
            Map<String, Long> steps =
                    JSON.readValue(
                            metadata.get("steps"), new TypeReference<Map<String, Long>>() {});
            Map<String, MomentState> state = new LinkedHashMap<>();
            for (Map.Entry<String, Long> entry : steps.entrySet()) {
                String name = entry.getKey();
                state.put(
                        name,
                        new MomentState(
                                in.toNDArray(name + EXP_AVG, manager),
                                in.toNDArray(name + EXP_AVG_SQ, manager),
                                entry.getValue()));
            }
            return state;
        }
    }

    private static void checkHyperparameters(
            Path file, Map<String, String> expected, Map<String, String> metadata)
            throws IOException {
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String saved = metadata.get(entry.getKey());
            if (!entry.getValue().equals(saved)) {
                throw new IOException(
                        file
                                + ": saved with "
                                + entry.getKey()
                                + "="
                                + saved
                                + " but this optimizer has "
                                + entry.getValue());
            }
        }
    }
}
