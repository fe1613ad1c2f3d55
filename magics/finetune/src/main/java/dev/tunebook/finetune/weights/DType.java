package dev.tunebook.finetune.weights;

import java.util.Locale;
import java.util.Optional;

/**
 * The element types of the safetensors format, in the order the reference implementation ranks them
 * (writers place higher-ranked types first so that every tensor stays aligned).
 */
public enum DType {
    BOOL(1),
    U8(1),
    I8(1),
    F8_E5M2(1),
    F8_E4M3(1),
    I16(2),
    U16(2),
    F16(2),
    BF16(2),
    I32(4),
    U32(4),
    F32(4),
    F64(8),
    I64(8),
    U64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Returns the size of one element in bytes. */
    public int byteSize() {
        return byteSize;
    }

    /** Returns whether the type holds floating-point numbers. */
    public boolean isFloat() {
        return this == F16 || this == BF16 || this == F32 || this == F64 || isFloat8();
    }

    /** Returns whether the type holds integers (booleans excluded). */
    public boolean isInteger() {
        return !isFloat() && this != BOOL;
    }

    boolean isFloat8() {
        return this == F8_E5M2 || this == F8_E4M3;
    }

    /** Returns the type spelled {@code name} in a safetensors header, if there is one. */
    public static Optional<DType> fromHeader(String name) {
        for (DType type : values()) {
            if (type.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
