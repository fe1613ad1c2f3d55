package dev.tunebook.finetune.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Chooses which files of a hub repository tunebook needs, and checks that they arrived. */
final class HubFiles {
    private HubFiles() {}

    /** Returns the files of {@code siblings} to fetch; refuses repositories with only pickles. */
    static List<String> select(String repo, List<String> siblings) throws ModelSourceException {
        List<String> wanted = new ArrayList<>();
        boolean safetensors = false;
        boolean pickle = false;
        for (String file : siblings) {
            if (HubDownloader.KNOWN_FILES.contains(file)
                    || file.matches("model-\\d+-of-\\d+\\.safetensors")) {
                wanted.add(file);
            }
            safetensors |= file.endsWith(".safetensors");
            pickle |= file.endsWith(".bin") || file.endsWith(".pt") || file.endsWith(".pth");
        }
        if (!safetensors && siblings.contains("onnx/model.onnx")) {
            wanted.add("onnx/model.onnx");
        } else if (!safetensors && pickle) {
            throw new ModelSourceException(
                    repo
                            + " has only pickle weights (pytorch_model.bin), which tunebook does not"
                            + " load because unpickling runs arbitrary code; look for a safetensors"
                            + " revision (many repos have a refs/pr/N with one) or convert it with"
                            + " transformers' save_pretrained(..., safe_serialization=True)");
        }
        return wanted;
    }

    /** Returns the shard file names listed in a sharded index. */
    static Set<String> shards(Path index) throws IOException {
        JsonNode map = new ObjectMapper().readTree(index.toFile()).path("weight_map");
        Set<String> shards = new LinkedHashSet<>();
        map.forEach(v -> shards.add(v.asText()));
        return shards;
    }

    /** Checks that a config and some weights arrived. */
    static void checkComplete(String repo, URI endpoint, boolean listed, Set<String> found)
            throws ModelSourceException {
        if (!found.contains("config.json") && !found.contains("adapter_config.json")) {
            throw new ModelSourceException(
                    repo
                            + " not found on "
                            + endpoint
                            + (listed ? " (it has no config.json)" : "")
                            + "; check the name and revision, or set HF_TOKEN for a private model");
        }
        boolean weights =
                found.stream().anyMatch(f -> f.endsWith(".safetensors") || f.endsWith(".onnx"));
        if (!weights) {
            throw new ModelSourceException(
                    repo
                            + " on "
                            + endpoint
                            + " has no safetensors weights ("
                            + String.join(", ", found)
                            + ")");
        }
    }
}
