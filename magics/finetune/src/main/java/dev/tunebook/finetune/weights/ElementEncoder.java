package dev.tunebook.finetune.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Narrows floats to the 16-bit formats with round-to-nearest-even, as PyTorch's {@code
 * tensor.to(torch.bfloat16)} and {@code .half()} do.
 */
public final class ElementEncoder {
    private ElementEncoder() {}

    /** Returns the BF16 bits nearest to {@code value} (ties to even; NaN stays NaN). */
    public static short toBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** Returns the IEEE binary16 bits nearest to {@code value} (ties to even). */
    static short toF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFFFFFF;
        if (abs >= 0x7F800000) {
            int nan = abs > 0x7F800000 ? 0x200 | ((abs >>> 13) & 0x3FF) : 0;
            return (short) (sign | 0x7C00 | nan);
        }
        if (abs >= 0x477FF000) {
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x38800000) {
            double scaled = (double) Float.intBitsToFloat(abs) * 0x1p24;
            return (short) (sign | (int) Math.rint(scaled));
        }
        int half = (((abs >>> 23) - 112) << 10) | ((abs & 0x7FFFFF) >>> 13);
        int rest = abs & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }

    /**
     * Encodes floats from {@code src} into {@code dst} (little-endian) as {@code type} until either
     * runs out.
     */
    static void encode(FloatBuffer src, DType type, ByteBuffer dst) {
        switch (type) {
            case F32 -> {
                int n = Math.min(src.remaining(), dst.remaining() / 4);
                dst.slice()
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer()
                        .put(src.slice(src.position(), n));
                src.position(src.position() + n);
                dst.position(dst.position() + 4 * n);
            }
            case BF16 -> {
                while (src.hasRemaining() && dst.remaining() >= 2) {
                    dst.putShort(toBf16(src.get()));
                }
            }
            case F16 -> {
                while (src.hasRemaining() && dst.remaining() >= 2) {
                    dst.putShort(toF16(src.get()));
                }
            }
            default -> throw new IllegalArgumentException("cannot write floats as " + type);
        }
    }
}
