package dev.tunebook.finetune.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the protocol buffers wire format field by field from a buffer: just enough to walk an ONNX
 * model without a protobuf dependency. Length-delimited values are returned as slices of the buffer
 * (no copy).
 *
 * <p>Instances are not thread-safe.
 */
final class ProtobufReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buffer;
    private int tag;

    ProtobufReader(ByteBuffer buffer) {
        this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Advances to the next field; returns false at the end of the message. */
    boolean next() {
        if (!buffer.hasRemaining()) {
            return false;
        }
        long key = readVarint();
        tag = (int) key;
        if (field() == 0) {
            throw new IllegalStateException("field number 0 at byte " + buffer.position());
        }
        return true;
    }

    /** Returns the field number of the current field. */
    int field() {
        return tag >>> 3;
    }

    /** Returns the wire type of the current field. */
    int wireType() {
        return tag & 7;
    }

    /** Reads a varint value of the current field. */
    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buffer.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes at " + buffer.position());
    }

    /** Reads a length-delimited value of the current field as a slice. */
    ByteBuffer readBytes() {
        long length = readVarint();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalStateException(
                    "length " + length + " exceeds the " + buffer.remaining() + " bytes left");
        }
        ByteBuffer slice = buffer.slice(buffer.position(), (int) length);
        buffer.position(buffer.position() + (int) length);
        return slice.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads a length-delimited value of the current field as UTF-8 text. */
    String readString() {
        ByteBuffer bytes = readBytes();
        byte[] text = new byte[bytes.remaining()];
        bytes.get(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** Reads a sub-message of the current field. */
    ProtobufReader readMessage() {
        return new ProtobufReader(readBytes());
    }

    /** Reads a 32-bit fixed value of the current field as a 4-byte little-endian slice. */
    ByteBuffer readFixed32() {
        ByteBuffer slice = buffer.slice(buffer.position(), 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + 4);
        return slice;
    }

    /** Skips the value of the current field. */
    void skip() {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> buffer.position(buffer.position() + 8);
            case LENGTH_DELIMITED -> readBytes();
            case FIXED32 -> buffer.position(buffer.position() + 4);
            default -> throw new IllegalStateException("unsupported wire type " + wireType());
        }
    }

    /**
     * Reads a repeated int64 field value, packed or not, into {@code out}; returns the new count.
     */
    int readInt64s(long[][] out, int count) {
        if (wireType() == LENGTH_DELIMITED) {
            ProtobufReader packed = new ProtobufReader(readBytes());
            while (packed.buffer.hasRemaining()) {
                count = append(out, count, packed.readVarint());
            }
            return count;
        }
        return append(out, count, readVarint());
    }

    private static int append(long[][] out, int count, long value) {
        if (count == out[0].length) {
            out[0] = java.util.Arrays.copyOf(out[0], Math.max(4, count * 2));
        }
        out[0][count] = value;
        return count + 1;
    }
}
