package dev.tunebook.finetune.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.io.AtomicFile;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The file format of an {@link EmbeddingIndex}: the line {@code tunebook-index 1}, a 4-byte
 * big-endian length, a UTF-8 JSON header ({@code encoder: {name, dimension}}, {@code count}, {@code
 * ids}, {@code passages}), then {@code count × dimension} little-endian float32 values, row by row.
 */
final class IndexFile {
    static final String MAGIC = "tunebook-index 1\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexFile() {}

    static void write(Path file, EmbeddingIndex index) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("encoder")
                .put("name", index.encoder().name())
                .put("dimension", index.encoder().dimension());
        header.put("count", index.size());
        index.ids().forEach(header.putArray("ids")::add);
        index.passages().forEach(header.putArray("passages")::add);
        byte[] json = JSON.writeValueAsBytes(header);
        AtomicFile.write(
                file,
                temp -> {
                    try (OutputStream out = Files.newOutputStream(temp);
                            DataOutputStream data =
                                    new DataOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                        data.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
                        data.writeInt(json.length);
                        data.write(json);
                        ByteBuffer row =
                                ByteBuffer.allocate(4 * index.encoder().dimension())
                                        .order(ByteOrder.LITTLE_ENDIAN);
                        for (float[] v : index.vectors()) {
                            row.clear();
                            row.asFloatBuffer().put(v);
                            data.write(row.array());
                        }
                    }
                });
    }

    static EmbeddingIndex read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such index file");
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < magic.length + 4
                || !Arrays.equals(Arrays.copyOf(bytes, magic.length), magic)) {
            throw new IOException(
                    file
                            + ": not a tunebook index (it does not start with '"
                            + MAGIC.strip()
                            + "')");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length = buffer.position(magic.length).getInt();
        if (length < 2 || length > bytes.length - buffer.position()) {
            throw new IOException(
                    file
                            + ": header length "
                            + length
                            + " runs past the file's "
                            + bytes.length
                            + " bytes (truncated?)");
        }
        JsonNode header = header(file, bytes, buffer.position(), length);
        EncoderId encoder = encoder(file, header);
        int count = header.path("count").asInt(-1);
        List<String> ids = strings(file, header, "ids", count);
        List<String> passages = strings(file, header, "passages", count);
        buffer.position(buffer.position() + length);
        long expected = 4L * count * encoder.dimension();
        if (buffer.remaining() != expected) {
            throw new IOException(
                    file
                            + ": expected "
                            + expected
                            + " bytes of vectors for "
                            + count
                            + " passages × "
                            + encoder.dimension()
                            + ", found "
                            + buffer.remaining()
                            + " (truncated or not written by tunebook?)");
        }
        float[][] vectors = new float[count][encoder.dimension()];
        var floats = buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (float[] v : vectors) {
            floats.get(v);
        }
        return EmbeddingIndex.of(encoder, ids, passages, vectors);
    }

    private static JsonNode header(Path file, byte[] bytes, int offset, int length)
            throws IOException {
        try {
            return JSON.readTree(new String(bytes, offset, length, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": bad index header: " + e.getOriginalMessage(), e);
        }
    }

    private static EncoderId encoder(Path file, JsonNode header) throws IOException {
        JsonNode encoder = header.path("encoder");
        if (!encoder.path("name").isTextual() || !encoder.path("dimension").canConvertToInt()) {
            throw new IOException(file + ": index header lacks encoder.name or encoder.dimension");
        }
        try {
            return new EncoderId(encoder.get("name").asText(), encoder.get("dimension").asInt());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Path file, JsonNode header, String field, int count)
            throws IOException {
        JsonNode array = header.path(field);
        if (count < 1 || !array.isArray() || array.size() != count) {
            throw new IOException(
                    file
                            + ": index header has count "
                            + count
                            + " but "
                            + (array.isArray()
                                    ? array.size() + " " + field
                                    : "no " + field + " array"));
        }
        List<String> out = new ArrayList<>(count);
        for (JsonNode value : array) {
            out.add(value.asText());
        }
        return out;
    }
}
