package dev.tunebook.finetune.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes safetensors files byte by byte from a literal header, for tests of the reader. */
final class RawSafetensors {
    private RawSafetensors() {}

    /** Writes {@code headerJson} and {@code data} to {@code file} in the safetensors layout. */
    static Path write(Path file, String headerJson, byte[] data) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length);
        out.order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header).put(data);
        Files.write(file, out.array());
        return file;
    }

    /** Returns {@code values} as little-endian 16-bit words. */
    static byte[] shorts(short[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            out.putShort(v);
        }
        return out.array();
    }

    /** Returns {@code values} as little-endian floats. */
    static byte[] floats(float... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            out.putFloat(v);
        }
        return out.array();
    }

    /** Returns {@code values} as little-endian longs. */
    static byte[] longs(long... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            out.putLong(v);
        }
        return out.array();
    }
}
