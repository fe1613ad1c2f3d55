package dev.tunebook.finetune.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every 16-bit pattern of BF16 and F16 widens to exactly the float it denotes. */
class SafetensorsWideningTest {
    @TempDir Path dir;

    private static short[] allPatterns() {
        short[] all = new short[1 << 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        return all;
    }

    private Path file(String dtype) throws IOException {
        String header =
                "{\"t\":{\"dtype\":\""
                        + dtype
                        + "\",\"shape\":[256,256],\"data_offsets\":[0,131072]}}";
        return RawSafetensors.write(
                dir.resolve(dtype + ".safetensors"), header, RawSafetensors.shorts(allPatterns()));
    }

    /** Returns the binary16 value of {@code bits} computed from the format's definition. */
    private static double halfByDefinition(int bits) {
        int sign = (bits & 0x8000) != 0 ? -1 : 1;
        int exponent = (bits >> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * Math.scalb(mantissa / 1024.0, -14);
        }
        return sign * Math.scalb(1 + mantissa / 1024.0, exponent - 15);
    }

    @Test
    void bf16WidensByShiftingIntoTheHighHalf() throws IOException {
        try (SafetensorsFile st = SafetensorsFile.open(file("BF16"));
                NDManager manager = NDManager.newBaseManager()) {
            float[] values = st.readFloats("t");
            for (int bits = 0; bits < values.length; bits++) {
                float want = Float.intBitsToFloat(bits << 16);
                assertSame(want, values[bits], "BF16 0x" + Integer.toHexString(bits));
            }
            try (NDArray array = st.toNDArray("t", manager)) {
                assertEquals(DataType.FLOAT32, array.getDataType());
                assertArrayEquals(values, array.toFloatArray());
            }
        }
    }

    @Test
    void f16WidensExactly() throws IOException {
        try (SafetensorsFile st = SafetensorsFile.open(file("F16"));
                NDManager manager = NDManager.newBaseManager()) {
            float[] values = st.readFloats("t");
            for (int bits = 0; bits < values.length; bits++) {
                double want = halfByDefinition(bits);
                assertSame((float) want, values[bits], "F16 0x" + Integer.toHexString(bits));
            }
            try (NDArray array = st.toNDArray("t", manager)) {
                assertArrayEquals(values, array.toFloatArray());
            }
        }
    }

    @Test
    void smallMapWindowsReadTheSameValues() throws IOException {
        Path file = file("BF16");
        try (SafetensorsFile whole = SafetensorsFile.open(file);
                SafetensorsFile windowed = SafetensorsFile.open(file, 4096);
                NDManager manager = NDManager.newBaseManager()) {
            float[] expected = whole.readFloats("t");
            assertArrayEquals(expected, windowed.readFloats("t"));
            NDArrayReader slicing = new NDArrayReader(windowed, manager, 3000);
            try (NDArray array = slicing.read(windowed.tensor("t"))) {
                assertArrayEquals(new long[] {256, 256}, array.getShape().getShape());
                assertArrayEquals(expected, array.toFloatArray());
            }
        }
    }

    @Test
    void memoryMappedReadsMatchPositionalReads() throws IOException {
        Path file = file("F16");
        float[] expected;
        try (SafetensorsFile positional = SafetensorsFile.open(file)) {
            expected = positional.readFloats("t");
        }
        System.setProperty(SafetensorsFile.READ_MODE_PROPERTY, "mmap");
        try (SafetensorsFile mapped = SafetensorsFile.open(file, 8192);
                NDManager manager = NDManager.newBaseManager();
                NDArray array = mapped.toNDArray("t", manager)) {
            assertArrayEquals(expected, mapped.readFloats("t"));
            assertArrayEquals(expected, array.toFloatArray());
        } finally {
            System.clearProperty(SafetensorsFile.READ_MODE_PROPERTY);
        }
    }

    private static void assertSame(float want, float got, String what) {
        if (Float.isNaN(want)) {
            assertTrue(Float.isNaN(got), what);
        } else {
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), what);
        }
    }
}
