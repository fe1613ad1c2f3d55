package dev.tunebook.finetune.bench.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes a Hugging Face model folder of a given {@code config.json} with random BF16 weights: the
 * config verbatim, {@code model.safetensors} (or shards of at most {@code shardBytes} with {@code
 * model.safetensors.index.json}, named as transformers names them), and the tokenizer files of a
 * fixture folder. Speed and memory do not depend on the weight values; these are small normal-ish
 * values (magnitude 2^-9 to 2^-5, random sign and mantissa), RMSNorm weights 1, streamed to disk so
 * that a 7B folder needs no memory beyond a write buffer.
 *
 * <p>A test-side tool, not library API: it exists to give the benchmarks and tests checkpoints of
 * real sizes without downloading them, and the library has no use for random BF16 files.
 */
public final class ShapeFolder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 1 << 22;

    private ShapeFolder() {}

    /**
     * Writes {@code config} into {@code folder}, unless the folder already holds a complete copy
     * (its {@code .complete} marker matches the config), and returns the folder.
     *
     * @param shardBytes the largest shard in bytes, or 0 for one file
     * @param tokenizer a folder whose {@code tokenizer*.json} files are copied, or null
     */
    public static Path write(Path folder, String config, long shardBytes, Path tokenizer, long seed)
            throws IOException {
        Path marker = folder.resolve(".complete");
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(config)) {
            return folder;
        }
        Files.createDirectories(folder);
        Files.deleteIfExists(marker);
        Files.writeString(folder.resolve("config.json"), config);
        JsonNode root = JSON.readTree(config);
        Map<String, long[]> tensors = CheckpointTensors.of(root);
        List<Map<String, long[]>> shards = split(tensors, shardBytes);
        ObjectNode weightMap = JSON.createObjectNode();
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < shards.size(); s++) {
            String name =
                    shards.size() == 1
                            ? "model.safetensors"
                            : String.format("model-%05d-of-%05d.safetensors", s + 1, shards.size());
            writeFile(folder.resolve(name), shards.get(s), random);
            shards.get(s).keySet().forEach(t -> weightMap.put(t, name));
        }
        if (shards.size() > 1) {
            ObjectNode index = JSON.createObjectNode();
            index.putObject("metadata").put("total_size", bytes(tensors));
            index.set("weight_map", weightMap);
            Files.writeString(
                    folder.resolve("model.safetensors.index.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
        }
        if (tokenizer != null) {
            try (Stream<Path> files = Files.list(tokenizer)) {
                for (Path file :
                        files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                    Files.copy(
                            file,
                            folder.resolve(file.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(marker, config);
        return folder;
    }

    private static List<Map<String, long[]>> split(Map<String, long[]> tensors, long shardBytes) {
        List<Map<String, long[]>> shards = new ArrayList<>();
        Map<String, long[]> current = new LinkedHashMap<>();
        long size = 0;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            long bytes = 2 * CheckpointTensors.parameters(Map.of(e.getKey(), e.getValue()));
            if (shardBytes > 0 && size + bytes > shardBytes && !current.isEmpty()) {
                shards.add(current);
                current = new LinkedHashMap<>();
                size = 0;
            }
            current.put(e.getKey(), e.getValue());
            size += bytes;
        }
        shards.add(current);
        return shards;
    }

    private static long bytes(Map<String, long[]> tensors) {
        return 2 * CheckpointTensors.parameters(tensors);
    }

    private static void writeFile(Path file, Map<String, long[]> tensors, SplittableRandom random)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            long bytes = bytes(Map.of(e.getKey(), e.getValue()));
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", "BF16");
            var shape = info.putArray("shape");
            for (long d : e.getValue()) {
                shape.add(d);
            }
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (FileChannel out =
                FileChannel.open(
                        part,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            buffer.putLong(padded);
            buffer.put(json);
            for (int i = json.length; i < padded; i++) {
                buffer.put((byte) ' ');
            }
            for (Map.Entry<String, long[]> e : tensors.entrySet()) {
                boolean norm = e.getKey().endsWith("norm.weight");
                long count = CheckpointTensors.parameters(Map.of(e.getKey(), e.getValue()));
                for (long i = 0; i < count; i++) {
                    if (!buffer.hasRemaining()) {
                        drain(buffer, out);
                    }
                    buffer.putShort(norm ? (short) 0x3F80 : value(random.nextInt()));
                }
            }
            drain(buffer, out);
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** BF16 bits: random sign and mantissa, exponent 2^-9 to 2^-6 (magnitudes 0.002 to 0.03). */
    private static short value(int bits) {
        int sign = (bits >>> 31) << 15;
        int exponent = (127 - 9 + ((bits >>> 7) & 3)) << 7;
        return (short) (sign | exponent | (bits & 0x7F));
    }

    private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
