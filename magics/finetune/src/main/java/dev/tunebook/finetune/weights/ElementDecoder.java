package dev.tunebook.finetune.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Widens little-endian safetensors elements into floats or longs in bulk, a chunk of primitives at
 * a time through per-thread scratch arrays, so that decoding allocates nothing.
 */
final class ElementDecoder {
    private static final int CHUNK = 1 << 14;

    /**
     * Per-thread scratch arrays: widening goes buffer to array, a tight loop the JIT vectorises,
     * then array to buffer, and allocating the arrays per read window filled the heap with garbage.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final float[] HALF_TO_FLOAT = halfTable();

    private ElementDecoder() {}

    /** Decodes every element of {@code src} (of {@code type}) into {@code dst} as floats. */
    static void toFloats(DType type, ByteBuffer src, FloatBuffer dst) {
        ByteBuffer le = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> dst.put(le.asFloatBuffer());
            case BF16 -> widenBf16(le.asShortBuffer(), dst);
            case F16 -> widenF16(le.asShortBuffer(), dst);
            case F64 -> narrowF64(le, dst);
            default -> throw new IllegalArgumentException(type + " is not a float type");
        }
    }

    /** Decodes every element of {@code src} (of an integer {@code type}) into {@code dst}. */
    static void toLongs(DType type, ByteBuffer src, LongBuffer dst) {
        ByteBuffer le = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case I64, U64 -> dst.put(le.asLongBuffer());
            case I32 -> widenInts(le, dst, false);
            case U32 -> widenInts(le, dst, true);
            case I16 -> widenShorts(le.asShortBuffer(), dst, false);
            case U16 -> widenShorts(le.asShortBuffer(), dst, true);
            case I8 -> widenBytes(le, dst, false);
            case U8, BOOL -> widenBytes(le, dst, true);
            default -> throw new IllegalArgumentException(type + " is not an integer type");
        }
    }

    private static void widenBf16(ShortBuffer src, FloatBuffer dst) {
        Scratch scratch = SCRATCH.get();
        short[] in = scratch.shorts;
        float[] out = scratch.floats;
        while (src.hasRemaining()) {
            int n = Math.min(in.length, src.remaining());
            src.get(in, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = Float.intBitsToFloat(in[i] << 16);
            }
            dst.put(out, 0, n);
        }
    }

    private static void widenF16(ShortBuffer src, FloatBuffer dst) {
        Scratch scratch = SCRATCH.get();
        short[] in = scratch.shorts;
        float[] out = scratch.floats;
        while (src.hasRemaining()) {
            int n = Math.min(in.length, src.remaining());
            src.get(in, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = HALF_TO_FLOAT[in[i] & 0xFFFF];
            }
            dst.put(out, 0, n);
        }
    }

    private static void narrowF64(ByteBuffer src, FloatBuffer dst) {
        var doubles = src.asDoubleBuffer();
        while (doubles.hasRemaining()) {
            dst.put((float) doubles.get());
        }
    }

    private static void widenInts(ByteBuffer src, LongBuffer dst, boolean unsigned) {
        var ints = src.asIntBuffer();
        while (ints.hasRemaining()) {
            int v = ints.get();
            dst.put(unsigned ? Integer.toUnsignedLong(v) : v);
        }
    }

    private static void widenShorts(ShortBuffer src, LongBuffer dst, boolean unsigned) {
        while (src.hasRemaining()) {
            short v = src.get();
            dst.put(unsigned ? Short.toUnsignedLong(v) : v);
        }
    }

    private static void widenBytes(ByteBuffer src, LongBuffer dst, boolean unsigned) {
        while (src.hasRemaining()) {
            byte v = src.get();
            dst.put(unsigned ? Byte.toUnsignedLong(v) : v);
        }
    }

    /** Returns the IEEE 754 binary16 value of {@code bits} as a float (exact). */
    static float halfToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static float[] halfTable() {
        float[] table = new float[1 << 16];
        for (int bits = 0; bits < table.length; bits++) {
            table[bits] = halfToFloat(bits);
        }
        return table;
    }

    /** Arrays a thread widens through, reused across windows. */
    private static final class Scratch {
        final short[] shorts = new short[CHUNK];
        final float[] floats = new float[CHUNK];
    }
}
