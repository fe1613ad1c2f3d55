package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {
    @TempDir Path dir;

    @Test
    void rewritingEveryFixtureModelReproducesItByteForByte() throws IOException {
        try (Stream<Path> dirs = Files.list(Fixtures.dir("models"));
                NDManager manager = NDManager.newBaseManager()) {
            for (Path model : dirs.sorted().toList()) {
                Path original = model.resolve("model.safetensors");
                Map<String, NDArray> weights = Weights.load(original, manager);
                Path copy = dir.resolve(model.getFileName() + ".safetensors");
                SafetensorsWriter.write(copy, weights);
                assertArrayEquals(
                        Files.readAllBytes(original), Files.readAllBytes(copy), model.toString());
            }
        }
    }

    @Test
    void roundTripsFloatsLongsAndNDArrays() throws IOException {
        Path file = dir.resolve("mixed.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray half =
                    manager.create(new float[] {1.5f, -2f, 65504f}).toType(DataType.FLOAT16, false);
            NDArray flags = manager.create(new boolean[] {true, false, true});
            NDArray ints = manager.create(new int[] {7, -8}, new Shape(2, 1));
            new SafetensorsWriter()
                    .optMetadata(Map.of("format", "pt", "note", "test"))
                    .add("w", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                    .add("ids", new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, 3)
                    .add("scalar", new float[] {42f})
                    .add("empty", new float[0], 0, 4)
                    .add("half", half)
                    .add("flags", flags)
                    .add("ints", ints)
                    .write(file);
            try (SafetensorsFile st = SafetensorsFile.open(file)) {
                assertEquals(Map.of("format", "pt", "note", "test"), st.metadata());
                assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, st.readFloats("w"));
                assertArrayEquals(new long[] {2, 3}, st.tensor("w").shape());
                assertArrayEquals(
                        new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, st.readLongs("ids"));
                assertArrayEquals(new long[0], st.tensor("scalar").shape());
                assertArrayEquals(new float[] {42f}, st.readFloats("scalar"));
                assertEquals(0, st.readFloats("empty").length);
                assertArrayEquals(new float[] {1.5f, -2f, 65504f}, st.readFloats("half"));
                assertEquals(DType.BOOL, st.tensor("flags").dtype());
                try (NDArray back = st.toNDArray("flags", manager)) {
                    assertEquals(DataType.BOOLEAN, back.getDataType());
                    assertArrayEquals(new boolean[] {true, false, true}, back.toBooleanArray());
                }
                assertEquals(DType.I64, st.tensor("ints").dtype());
                assertArrayEquals(new long[] {7, -8}, st.readLongs("ints"));
                assertArrayEquals(new long[] {2, 1}, st.tensor("ints").shape());
            }
        }
    }

    @Test
    void headerIsSortedByTypeThenNameAndPaddedToEightBytes() throws IOException {
        Path file = dir.resolve("order.safetensors");
        new SafetensorsWriter()
                .add("b", new float[] {1}, 1)
                .add("a", new float[] {1}, 1)
                .add("z", new long[] {1}, 1)
                .write(file);
        byte[] bytes = Files.readAllBytes(file);
        long length = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, length % 8);
        String header = new String(bytes, 8, (int) length, "UTF-8");
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"z\":"), header);
        assertTrue(header.indexOf("\"a\"") < header.indexOf("\"b\""), header);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(List.of("z", "a", "b"), List.copyOf(st.tensors().keySet()));
            assertEquals(0, st.tensor("z").begin());
        }
    }

    @Test
    void bf16AndF16OutputRoundToNearestEven() throws IOException {
        float[] values = {
            1f,
            1 + 0x1p-8f,
            1 + 0x1p-8f + 0x1p-20f,
            1 + 3 * 0x1p-8f,
            1 + 0x1p-11f,
            1 + 3 * 0x1p-11f,
            65519f,
            65520f,
            0x1p-25f,
            0x1.8p-24f,
            -0f,
            Float.NaN
        };
        float[] bf16 = {
            1f,
            1f,
            1 + 0x1p-7f,
            1 + 0x1p-6f,
            1f,
            1f,
            65536f,
            65536f,
            0x1p-25f,
            0x1.8p-24f,
            -0f,
            Float.NaN
        };
        float[] f16 = {
            1f,
            1 + 0x1p-8f,
            1 + 0x1p-8f,
            1 + 3 * 0x1p-8f,
            1f,
            1 + 0x1p-9f,
            65504f,
            Float.POSITIVE_INFINITY,
            0f,
            0x1p-23f,
            -0f,
            Float.NaN
        };
        assertArrayEquals(bf16, writeAndRead(values, DType.BF16));
        assertArrayEquals(f16, writeAndRead(values, DType.F16));
    }

    @Test
    void everyHalfPatternSurvivesWidenThenNarrow() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float half = ElementDecoder.halfToFloat(bits);
            if (!Float.isNaN(half)) {
                assertEquals(bits, ElementEncoder.toF16(half) & 0xFFFF, Integer.toHexString(bits));
            }
            float bf16 = Float.intBitsToFloat(bits << 16);
            if (!Float.isNaN(bf16)) {
                assertEquals(bits, ElementEncoder.toBf16(bf16) & 0xFFFF, Integer.toHexString(bits));
            }
        }
    }

    private float[] writeAndRead(float[] values, DType type) throws IOException {
        Path file = dir.resolve(type + ".safetensors");
        new SafetensorsWriter().optFloatType(type).add("t", values, values.length).write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(type, st.tensor("t").dtype());
            return st.readFloats("t");
        }
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter().add("good", new float[] {1}, 1).write(file);
        byte[] before = Files.readAllBytes(file);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        NDManager manager = NDManager.newBaseManager();
        tensors.put("closed", manager.create(new float[] {1, 2}));
        manager.close();
        assertThrows(RuntimeException.class, () -> SafetensorsWriter.write(file, tensors));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList());
        }
    }

    @Test
    void refusesMismatchedShapesAndDuplicateNames() {
        SafetensorsWriter writer = new SafetensorsWriter().add("w", new float[] {1, 2}, 2);
        var shape =
                assertThrows(
                        IllegalArgumentException.class, () -> writer.add("x", new float[3], 2, 2));
        assertTrue(shape.getMessage().contains("tensor 'x': shape [2, 2] needs 4 values, got 3"));
        var twice =
                assertThrows(
                        IllegalArgumentException.class, () -> writer.add("w", new float[2], 2));
        assertTrue(twice.getMessage().contains("tensor 'w' added twice"));
        assertFalse(Files.exists(dir.resolve("w")));
    }
}
