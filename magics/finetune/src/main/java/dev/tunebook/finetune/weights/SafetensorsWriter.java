package dev.tunebook.finetune.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebook.finetune.io.AtomicFile;
import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes safetensors files laid out as the reference (Rust) implementation lays them out: tensors
 * ordered by element type (widest first) then name, the header padded with spaces to a multiple of
 * 8 bytes, and {@code {"format":"pt"}} metadata by default, as transformers writes it.
 *
 * <p>The file is written to a temporary file in the target's folder and moved over the target
 * atomically, so a failed write never replaces a good file. Float tensors are written as F32 unless
 * {@link #optFloatType} asks for F16 or BF16 (rounded to nearest even); integer tensors as I64;
 * booleans as BOOL.
 *
 * <p>Instances are not thread-safe. Arrays added are read only when {@link #write} runs.
 */
public final class SafetensorsWriter {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private Map<String, String> metadata = Map.of("format", "pt");
    private DType floatType = DType.F32;

    /** Replaces the header metadata (default {@code {"format":"pt"}}); empty writes none. */
    public SafetensorsWriter optMetadata(Map<String, String> metadata) {
        this.metadata = Map.copyOf(metadata);
        return this;
    }

    /** Sets the type float tensors are stored as: F32 (default), F16 or BF16. */
    public SafetensorsWriter optFloatType(DType type) {
        if (type != DType.F32 && type != DType.F16 && type != DType.BF16) {
            throw new IllegalArgumentException(
                    "float tensors can be F32, F16 or BF16, not " + type);
        }
        this.floatType = type;
        return this;
    }

    /** Adds {@code array} under {@code name}; floats, integers and booleans are accepted. */
    public SafetensorsWriter add(String name, NDArray array) {
        DataType type = array.getDataType();
        long[] shape = array.getShape().getShape();
        if (type == DataType.BOOLEAN) {
            return put(new Entry(name, DType.BOOL, shape, () -> ndBytes(array, DataType.BOOLEAN)));
        }
        if (type.isFloating()) {
            return put(new Entry(name, null, shape, () -> ndBytes(array, DataType.FLOAT32)));
        }
        if (type.isInteger()) {
            return put(new Entry(name, DType.I64, shape, () -> ndBytes(array, DataType.INT64)));
        }
        throw new IllegalArgumentException("tensor '" + name + "': cannot write " + type);
    }

    /** Adds float {@code values} of {@code shape} under {@code name}. */
    public SafetensorsWriter add(String name, float[] values, long... shape) {
        checkCount(name, values.length, shape);
        return put(new Entry(name, null, shape, () -> FloatBuffer.wrap(values)));
    }

    /** Adds integer {@code values} of {@code shape} under {@code name}, stored as I64. */
    public SafetensorsWriter add(String name, long[] values, long... shape) {
        checkCount(name, values.length, shape);
        return put(new Entry(name, DType.I64, shape, () -> LongBuffer.wrap(values)));
    }

    /** Writes every tensor of {@code tensors} to {@code file} with the default settings. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        tensors.forEach(writer::add);
        writer.write(file);
    }

    /** Writes the tensors added so far to {@code file}, replacing it atomically. */
    public void write(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        List<Entry> ordered = ordered();
        byte[] header = header(ordered);
        AtomicFile.write(
                target,
                temp -> {
                    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                        writeFully(out, prefix.putLong(header.length).flip());
                        writeFully(out, ByteBuffer.wrap(header));
                        for (Entry entry : ordered) {
                            writeData(out, entry);
                        }
                    }
                });
    }

    private SafetensorsWriter put(Entry entry) {
        if (entries.putIfAbsent(entry.name, entry) != null) {
            throw new IllegalArgumentException("tensor '" + entry.name + "' added twice");
        }
        return this;
    }

    private static void checkCount(String name, int length, long[] shape) {
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count != length) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "': shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + count
                            + " values, got "
                            + length);
        }
    }

    private DType typeOf(Entry entry) {
        return entry.dtype == null ? floatType : entry.dtype;
    }

    private List<Entry> ordered() {
        List<Entry> ordered = new ArrayList<>(entries.values());
        Comparator<Entry> byType = Comparator.comparingInt(e -> -typeOf(e).ordinal());
        ordered.sort(byType.thenComparing((a, b) -> compareUtf8(a.name, b.name)));
        return ordered;
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] header(List<Entry> ordered) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Entry entry : ordered) {
            DType type = typeOf(entry);
            long end = offset + entry.count() * type.byteSize();
            ObjectNode node = root.putObject(entry.name);
            node.put("dtype", type.name());
            Arrays.stream(entry.shape).forEach(node.putArray("shape")::add);
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) & ~7;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private void writeData(FileChannel out, Entry entry) throws IOException {
        Buffer source = entry.data.elements();
        if (source instanceof ByteBuffer bytes) {
            bytes.order(ByteOrder.nativeOrder());
            source = entry.dtype == null ? bytes.asFloatBuffer() : bytes;
        }
        long expected = entry.count() * (source instanceof ByteBuffer ? entry.dtype.byteSize() : 1);
        if (source.remaining() != expected) {
            throw new IOException("tensor '" + entry.name + "' changed size while writing");
        }
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (source.hasRemaining()) {
            chunk.clear();
            if (source instanceof FloatBuffer floats) {
                ElementEncoder.encode(floats, typeOf(entry), chunk);
            } else if (source instanceof LongBuffer longs) {
                int n = Math.min(longs.remaining(), chunk.remaining() / 8);
                chunk.asLongBuffer().put(longs.slice(longs.position(), n));
                longs.position(longs.position() + n);
                chunk.position(8 * n);
            } else {
                ByteBuffer bytes = (ByteBuffer) source;
                int n = Math.min(bytes.remaining(), chunk.remaining());
                chunk.put(bytes.slice(bytes.position(), n));
                bytes.position(bytes.position() + n);
            }
            writeFully(out, chunk.flip());
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static ByteBuffer ndBytes(NDArray array, DataType type) {
        if (array.getDataType() == type) {
            return array.toByteBuffer(true);
        }
        try (NDArray converted = array.toType(type, true)) {
            return converted.toByteBuffer(false);
        }
    }

    /**
     * Supplies a tensor's elements when the file is written: floats, longs, or bytes in native
     * order (bytes of FLOAT32 for float tensors, raw elements otherwise).
     */
    @FunctionalInterface
    private interface Data {
        Buffer elements();
    }

    /** A tensor to write; a null dtype means "floats, stored as the writer's float type". */
    private record Entry(String name, DType dtype, long[] shape, Data data) {
        long count() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }
    }
}
