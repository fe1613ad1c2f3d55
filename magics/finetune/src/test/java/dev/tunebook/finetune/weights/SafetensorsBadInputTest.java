package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed file is refused with one message that names the file and what is wrong. */
class SafetensorsBadInputTest {
    @TempDir Path dir;

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\""
                + name
                + "\":{\"dtype\":\""
                + dtype
                + "\",\"shape\":"
                + shape
                + ",\"data_offsets\":["
                + begin
                + ","
                + end
                + "]}";
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of(
                        "offsets outside the file",
                        "{" + tensor("w", "F32", "[4]", 0, 32) + "}",
                        "tensor 'w': data_offsets [0, 32] extend past the data section (16 bytes"),
                Arguments.of(
                        "begin after end",
                        "{" + tensor("w", "F32", "[0]", 8, 4) + "}",
                        "tensor 'w': data_offsets [8, 4] begin after end"),
                Arguments.of(
                        "overlapping tensors",
                        "{"
                                + tensor("a", "F32", "[2]", 0, 8)
                                + ","
                                + tensor("b", "F32", "[2]", 4, 12)
                                + "}",
                        "tensor 'b': data_offsets [4, 12] overlap tensor 'a' [0, 8]"),
                Arguments.of(
                        "shape and bytes disagree",
                        "{" + tensor("w", "F32", "[3]", 0, 16) + "}",
                        "tensor 'w': shape [3] of F32 needs 12 bytes but data_offsets span 16"),
                Arguments.of(
                        "unknown dtype",
                        "{" + tensor("w", "Q4", "[4]", 0, 16) + "}",
                        "tensor 'w': unknown dtype 'Q4'"),
                Arguments.of("bad JSON", "{\"w\":{\"dtype\":", "header is not valid JSON"),
                Arguments.of("not an object", "[1,2]", "header must be a JSON object"),
                Arguments.of(
                        "missing dtype",
                        "{\"w\":{\"shape\":[4],\"data_offsets\":[0,16]}}",
                        "tensor 'w': field 'dtype' must be a string"),
                Arguments.of(
                        "negative dimension",
                        "{" + tensor("w", "F32", "[-4]", 0, 16) + "}",
                        "tensor 'w': field 'shape' entry 0 is not a non-negative integer"),
                Arguments.of(
                        "three offsets",
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,8,16]}}",
                        "tensor 'w': field 'data_offsets' must have 2 entries, has 3"),
                Arguments.of(
                        "duplicate tensor",
                        "{"
                                + tensor("w", "F32", "[4]", 0, 16)
                                + ","
                                + tensor("w", "F32", "[4]", 0, 16)
                                + "}",
                        "header is not valid JSON: Duplicate field 'w'"),
                Arguments.of(
                        "metadata not strings",
                        "{\"__metadata__\":{\"format\":1}}",
                        "__metadata__ field 'format' must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void refusesWithMessageNamingFileAndTensor(String what, String header, String expected)
            throws IOException {
        Path file = RawSafetensors.write(dir.resolve("bad.safetensors"), header, new byte[16]);
        WeightsFormatException e =
                assertThrows(WeightsFormatException.class, () -> SafetensorsFile.open(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
    }

    @Test
    void truncatedFileNamesTheTensorPastTheEnd() throws IOException {
        String header =
                "{"
                        + tensor("a", "F32", "[2]", 0, 8)
                        + ","
                        + tensor("b", "F32", "[4]", 8, 24)
                        + "}";
        Path good = RawSafetensors.write(dir.resolve("good.safetensors"), header, new byte[24]);
        byte[] bytes = Files.readAllBytes(good);
        Path cut =
                Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, bytes.length - 5));
        WeightsFormatException e =
                assertThrows(WeightsFormatException.class, () -> SafetensorsFile.open(cut));
        assertTrue(e.getMessage().contains("tensor 'b'"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void headerLengthLargerThanTheFile() throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(8 + 10).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(1_000_000).put("{\"a\":1}   ".getBytes());
        Path file = Files.write(dir.resolve("long.safetensors"), prefix.array());
        WeightsFormatException e =
                assertThrows(WeightsFormatException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("header length 1000000 does not fit"), e.getMessage());
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path file = Files.write(dir.resolve("tiny.safetensors"), new byte[3]);
        WeightsFormatException e =
                assertThrows(WeightsFormatException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void readingAsTheWrongKindNamesTheTensor() throws IOException {
        String header = "{" + tensor("ids", "I64", "[2]", 0, 16) + "}";
        Path file = RawSafetensors.write(dir.resolve("ids.safetensors"), header, new byte[16]);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            var e = assertThrows(WeightsFormatException.class, () -> st.readFloats("ids"));
            assertTrue(e.getMessage().contains("tensor 'ids' is I64"), e.getMessage());
            var missing = assertThrows(IllegalArgumentException.class, () -> st.readLongs("x"));
            assertTrue(missing.getMessage().contains("no tensor 'x'"), missing.getMessage());
        }
    }
}
