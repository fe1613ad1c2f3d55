package dev.tunebook.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Throwaway F32/I64 safetensors reader for tests until the models-io reader is merged. */
final class FixtureTensors {
    private FixtureTensors() {}

    static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buffer.getLong(0);
        JsonNode header =
                new ObjectMapper()
                        .readTree(new String(bytes, 8, headerLength, StandardCharsets.UTF_8));
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode shapeNode = e.getValue().get("shape");
            long[] dims = new long[shapeNode.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shapeNode.get(i).asLong();
            }
            int begin = 8 + headerLength + e.getValue().get("data_offsets").get(0).asInt();
            int end = 8 + headerLength + e.getValue().get("data_offsets").get(1).asInt();
            ByteBuffer slice = ByteBuffer.wrap(bytes, begin, end - begin).slice();
            DataType type =
                    e.getValue().get("dtype").asText().equals("I64")
                            ? DataType.INT64
                            : DataType.FLOAT32;
            ByteBuffer direct =
                    ByteBuffer.allocateDirect(end - begin).order(ByteOrder.nativeOrder());
            direct.put(slice);
            direct.rewind();
            tensors.put(e.getKey(), manager.create(direct, new Shape(dims), type));
        }
        return tensors;
    }
}
