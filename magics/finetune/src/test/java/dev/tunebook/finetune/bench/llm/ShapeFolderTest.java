package dev.tunebook.finetune.bench.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.nn.RotaryEmbedding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeFolderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void publishedShapesHaveThePublishedParameterCounts() throws Exception {
        assertEquals(494_032_768L, parameters(PublishedShape.QWEN2_5_0_5B));
        assertEquals(1_543_714_304L, parameters(PublishedShape.QWEN2_5_1_5B));
        assertEquals(1_235_814_400L, parameters(PublishedShape.LLAMA_3_2_1B));
        assertEquals(7_241_732_096L, parameters(PublishedShape.MISTRAL_7B));
    }

    @Test
    void publishedConfigsParseWithTheirRopeScaling(@TempDir Path dir) throws Exception {
        for (PublishedShape shape : PublishedShape.values()) {
            Path folder = Files.createDirectories(dir.resolve(shape.id()));
            Files.writeString(folder.resolve("config.json"), shape.config());
            var config = dev.tunebook.finetune.weights.ModelConfig.read(folder);
            RotaryEmbedding.fromConfig(config); // refuses an unsupported rope_type
            assertEquals(
                    shape == PublishedShape.LLAMA_3_2_1B ? "llama3" : "default",
                    config.ropeType(),
                    shape.id());
        }
    }

    @Test
    void shardedFolderLoadsWithEveryTensorIndexed(@TempDir Path dir) throws Exception {
        Path tokenizer =
                Path.of(System.getProperty("tunebook.fixtures", "../fixtures"), "tokenizers/qwen3");
        Path folder =
                ShapeFolder.write(dir.resolve("m"), ParityCheck.TINY_LLAMA3, 40_000, tokenizer, 1);
        JsonNode index = JSON.readTree(folder.resolve("model.safetensors.index.json").toFile());
        Map<String, long[]> expected = CheckpointTensors.of(JSON.readTree(ParityCheck.TINY_LLAMA3));
        Set<String> indexed = new TreeSet<>();
        index.path("weight_map").fieldNames().forEachRemaining(indexed::add);
        assertEquals(new TreeSet<>(expected.keySet()), indexed);
        assertEquals(
                2 * CheckpointTensors.parameters(expected),
                index.at("/metadata/total_size").asLong());
        Set<String> shards = new TreeSet<>();
        index.path("weight_map").forEach(n -> shards.add(n.asText()));
        assertTrue(shards.size() > 1, "sharded: " + shards);
        assertTrue(Files.isRegularFile(folder.resolve("tokenizer.json")));
        try (LanguageModel model = LanguageModel.load(folder, Device.cpu())) {
            long loaded =
                    model.weights().values().stream().mapToLong(a -> a.getShape().size()).sum();
            assertEquals(CheckpointTensors.parameters(expected), loaded);
            assertEquals("llama3", model.config().ropeType());
        }
    }

    private static long parameters(PublishedShape shape) throws Exception {
        return CheckpointTensors.parameters(CheckpointTensors.of(JSON.readTree(shape.config())));
    }
}
