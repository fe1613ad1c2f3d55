package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebook.finetune.Fixtures;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SafetensorsFileTest {

    static Stream<Path> fixtureFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Fixtures.root())) {
            List<Path> found =
                    files.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
            assertFalse(found.isEmpty(), "no .safetensors under the fixtures");
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtureFiles")
    void readsEveryTensorOfEveryFixtureExactly(Path file) throws IOException {
        Map<String, Naive> expected = Naive.read(file);
        try (SafetensorsFile st = SafetensorsFile.open(file);
                NDManager manager = NDManager.newBaseManager()) {
            assertEquals(expected.keySet(), st.tensors().keySet());
            for (TensorInfo info : st.tensors().values()) {
                Naive want = expected.get(info.name());
                assertArrayEquals(want.shape, info.shape(), info.name());
                assertSlicedReadMatches(st, info, manager);
                try (NDArray array = st.toNDArray(info.name(), manager)) {
                    assertArrayEquals(want.shape, array.getShape().getShape(), info.name());
                    if (info.dtype() == DType.F32) {
                        assertArrayEquals(want.floats, st.readFloats(info.name()), info.name());
                        assertEquals(DataType.FLOAT32, array.getDataType());
                        assertArrayEquals(want.floats, array.toFloatArray(), info.name());
                    } else {
                        assertArrayEquals(want.longs, st.readLongs(info.name()), info.name());
                        assertEquals(DataType.INT64, array.getDataType());
                        assertArrayEquals(want.longs, array.toLongArray(), info.name());
                    }
                }
            }
        }
    }

    /** Reads {@code info} two rows per buffer, as tensors over 2 GiB are read, and compares. */
    private static void assertSlicedReadMatches(
            SafetensorsFile st, TensorInfo info, NDManager manager) throws IOException {
        long[] shape = info.shape();
        if (shape.length < 2 || shape[0] < 3) {
            return;
        }
        long rowBytes = info.elementCount() / shape[0] * 8;
        try (NDArray whole = st.toNDArray(info.name(), manager);
                NDArray sliced = new NDArrayReader(st, manager, 2 * rowBytes).read(info)) {
            assertEquals(whole, sliced, info.name());
        }
    }

    @Test
    void modelShapesMatchReferenceJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> dirs = Files.list(Fixtures.dir("models"))) {
            for (Path dir : dirs.sorted().toList()) {
                JsonNode params =
                        json.readTree(dir.resolve("reference.json").toFile()).get("params");
                try (SafetensorsFile st = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
                    assertEquals(params.size(), st.tensors().size(), dir.toString());
                    params.fields()
                            .forEachRemaining(
                                    e ->
                                            assertArrayEquals(
                                                    json.convertValue(e.getValue(), long[].class),
                                                    st.tensor(e.getKey()).shape(),
                                                    dir + " " + e.getKey()));
                    assertEquals(Map.of("format", "pt"), st.metadata());
                }
            }
        }
    }

    /** A reader written the plainest way, as the independent reference for fixture values. */
    static final class Naive {
        long[] shape;
        float[] floats;
        long[] longs;

        static Map<String, Naive> read(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] all = in.readAllBytes();
                ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
                int n = (int) buf.getLong(0);
                JsonNode header = new ObjectMapper().readTree(new String(all, 8, n, "UTF-8"));
                Map<String, Naive> out = new java.util.LinkedHashMap<>();
                header.fields()
                        .forEachRemaining(
                                e -> {
                                    if (!e.getKey().equals("__metadata__")) {
                                        out.put(e.getKey(), decode(e.getValue(), all, 8 + n));
                                    }
                                });
                return out;
            }
        }

        private static Naive decode(JsonNode entry, byte[] all, int dataStart) {
            Naive t = new Naive();
            t.shape = new ObjectMapper().convertValue(entry.get("shape"), long[].class);
            int begin = dataStart + entry.get("data_offsets").get(0).asInt();
            int end = dataStart + entry.get("data_offsets").get(1).asInt();
            try (DataInputStream in =
                    new DataInputStream(
                            new java.io.ByteArrayInputStream(all, begin, end - begin))) {
                String dtype = entry.get("dtype").asText();
                int count = (end - begin) / (dtype.equals("F32") ? 4 : 8);
                if (dtype.equals("F32")) {
                    t.floats = new float[count];
                    for (int i = 0; i < count; i++) {
                        t.floats[i] = Float.intBitsToFloat(Integer.reverseBytes(in.readInt()));
                    }
                } else {
                    t.longs = new long[count];
                    for (int i = 0; i < count; i++) {
                        t.longs[i] = Long.reverseBytes(in.readLong());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return t;
        }
    }
}
