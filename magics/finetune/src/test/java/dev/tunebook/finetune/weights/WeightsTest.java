package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsTest {
    @TempDir Path dir;
    private NDManager manager;

    @BeforeEach
    void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private static Path llama() {
        return Fixtures.dir("models").resolve("tiny-llama");
    }

    /** Splits tiny-llama into three shards with an index, as transformers' sharded save does. */
    private Path shardedLlama() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = json.createObjectNode();
        index.putObject("metadata")
                .put("total_size", Files.size(llama().resolve("model.safetensors")));
        ObjectNode map = index.putObject("weight_map");
        Map<String, NDArray> all = Weights.load(llama(), manager);
        List<String> names = new ArrayList<>(all.keySet());
        for (int shard = 0; shard < 3; shard++) {
            String file = "model-0000" + (shard + 1) + "-of-00003.safetensors";
            SafetensorsWriter writer = new SafetensorsWriter();
            for (int i = shard; i < names.size(); i += 3) {
                writer.add(names.get(i), all.get(names.get(i)));
                map.put(names.get(i), file);
            }
            writer.write(dir.resolve(file));
        }
        json.writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
        return dir;
    }

    @Test
    void loadsAFolderAFileAndAShardedCopyAlike() throws IOException {
        Map<String, NDArray> fromFolder = Weights.load(llama(), manager);
        Map<String, NDArray> fromFile = Weights.load(llama().resolve("model.safetensors"), manager);
        Map<String, NDArray> fromShards = Weights.load(shardedLlama(), manager);
        assertEquals(21, fromFolder.size());
        assertEquals(fromFolder.keySet(), fromFile.keySet());
        assertEquals(fromFolder.keySet(), Map.copyOf(fromShards).keySet());
        for (String name : fromFolder.keySet()) {
            assertArrayEquals(
                    fromFolder.get(name).toFloatArray(), fromShards.get(name).toFloatArray());
            assertEquals(name, fromShards.get(name).getName());
        }
        assertArrayEquals(
                new long[] {1000, 32},
                fromFolder.get("model.embed_tokens.weight").getShape().getShape());
    }

    @Test
    void savedModelFolderMatchesWhatTransformersWrote() throws IOException {
        try (ModelWeights model = ModelWeights.load(llama(), manager)) {
            Path out = dir.resolve("saved");
            model.save(out);
            assertArrayEquals(
                    Files.readAllBytes(llama().resolve("model.safetensors")),
                    Files.readAllBytes(out.resolve("model.safetensors")));
            assertEquals(model.config(), ModelConfig.read(out));
        }
    }

    @Test
    void indexNamingAMissingShardIsRefused() throws IOException {
        Path folder = shardedLlama();
        Files.delete(folder.resolve("model-00002-of-00003.safetensors"));
        var e = assertThrows(WeightsFormatException.class, () -> Weights.load(folder, manager));
        assertEquals(folder.resolve("model.safetensors.index.json"), e.file());
        assertTrue(
                e.getMessage().contains("shard file 'model-00002-of-00003.safetensors' is missing"),
                e.getMessage());
    }

    @Test
    void indexNamingATensorNoShardHasIsRefused() throws IOException {
        Path folder = shardedLlama();
        Path index = folder.resolve("model.safetensors.index.json");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(index.toFile());
        ((ObjectNode) root.get("weight_map"))
                .put("lm_head.bias", "model-00001-of-00003.safetensors");
        new ObjectMapper().writeValue(index.toFile(), root);
        var e = assertThrows(WeightsFormatException.class, () -> Weights.load(folder, manager));
        assertTrue(
                e.getMessage()
                        .contains(
                                "tensor 'lm_head.bias' is mapped to model-00001-of-00003.safetensors but no shard contains it"),
                e.getMessage());
    }

    @Test
    void shardNamesCannotLeaveTheFolder() throws IOException {
        Path index = dir.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\":{\"w\":\"../secret.safetensors\"}}");
        var e = assertThrows(WeightsFormatException.class, () -> Weights.load(dir, manager));
        assertTrue(
                e.getMessage()
                        .contains(
                                "weight_map entry 'w': shard '../secret.safetensors' must be a plain file name"),
                e.getMessage());
    }

    @Test
    void picklesAreRefusedWithTheConversionCommand() throws IOException {
        Files.copy(llama().resolve("config.json"), dir.resolve("config.json"));
        Path bin = Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        var e = assertThrows(WeightsFormatException.class, () -> Weights.load(dir, manager));
        assertEquals(bin, e.file());
        assertTrue(e.getMessage().contains("unpickling runs arbitrary code"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "from transformers import LlamaForCausalLM; LlamaForCausalLM.from_pretrained('"
                                        + dir.toAbsolutePath()
                                        + "').save_pretrained('"
                                        + dir.toAbsolutePath()
                                        + "', safe_serialization=True)"),
                e.getMessage());
        Path bare = Files.createDirectory(dir.resolve("bare"));
        for (String name : List.of("model.pt", "weights.pth", "last.ckpt")) {
            Path file = Files.write(bare.resolve(name), new byte[1]);
            var refused =
                    assertThrows(WeightsFormatException.class, () -> Weights.load(file, manager));
            assertTrue(
                    refused.getMessage().contains("save_file(torch.load("), refused.getMessage());
        }
    }

    @Test
    void folderWithoutWeightsSaysWhatItLookedFor() {
        var e = assertThrows(WeightsFormatException.class, () -> Weights.load(dir, manager));
        assertTrue(
                e.getMessage()
                        .contains(
                                "no model.safetensors or model.safetensors.index.json in this folder"),
                e.getMessage());
    }
}
