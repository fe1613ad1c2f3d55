package dev.tunebook.finetune.weights;

import java.util.Arrays;

/**
 * Describes one tensor of a safetensors file: its element type, shape and byte range within the
 * data section ({@code begin} inclusive, {@code end} exclusive).
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    /** Creates a tensor description, copying {@code shape}. */
    public TensorInfo {
        shape = shape.clone();
    }

    /** Returns a copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Returns the number of elements (1 for a scalar). */
    public long elementCount() {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** Returns the number of bytes in the data section. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that
                && name.equals(that.name)
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && begin == that.begin
                && end == that.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
