package dev.tunebook.finetune.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the error for a pickle checkpoint: why it is refused and how to convert it. */
final class PickleRefusal {
    private PickleRefusal() {}

    static WeightsFormatException of(Path pickle) {
        Path folder = pickle.toAbsolutePath().getParent();
        String modelClass = architecture(folder.resolve("config.json"));
        String convert =
                Files.isRegularFile(folder.resolve("config.json"))
                        ? "python -c \"from transformers import "
                                + modelClass
                                + "; "
                                + modelClass
                                + ".from_pretrained('"
                                + folder
                                + "').save_pretrained('"
                                + folder
                                + "', safe_serialization=True)\""
                        : "python -c \"import torch; from safetensors.torch import save_file;"
                                + " save_file(torch.load('"
                                + pickle.toAbsolutePath()
                                + "', weights_only=True), '"
                                + folder.resolve("model.safetensors")
                                + "')\"";
        return new WeightsFormatException(
                pickle,
                "is a pickle checkpoint, which tunebook does not load: unpickling runs arbitrary"
                        + " code from the file. Convert it to safetensors once with: "
                        + convert);
    }

    private static String architecture(Path config) {
        try {
            JsonNode architectures =
                    new ObjectMapper().readTree(config.toFile()).get("architectures");
            if (architectures != null && architectures.isArray() && architectures.size() == 1) {
                String name = architectures.get(0).asText();
                if (name.matches("[A-Za-z0-9_]+")) {
                    return name;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // An unreadable config only changes the suggestion to the generic class.
        }
        return "AutoModel";
    }
}
