package dev.tunebook.finetune.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A safetensors file opened for reading: its validated header, and its tensors read on demand.
 *
 * <p>Opening reads and checks only the header: every tensor's dtype, shape and byte range is
 * checked against the file size and the other tensors, so reads never leave the file. Data are read
 * with positional reads, 256 KiB at a time so that a chunk is still in cache when it is widened
 * (elements already in the target layout go straight into the NDArray's memory), or with {@code
 * -D}{@value #READ_MODE_PROPERTY}{@code =mmap} through memory mappings of at most 1 GiB; either way
 * files and tensors over 2 GiB work. Positional reads are the default: mapped pages stay in the
 * process's RSS until a garbage collection unmaps them (measured: VmHWM 6.5 GB after four loads of
 * a 1 GiB file, against 2.5 GB) and were not faster. Floating point tensors (F16, BF16, F32, F64)
 * are returned as F32 — DJL cannot hold BF16 — and integer tensors as I64.
 *
 * <p>Instances are safe for concurrent reads; {@link #close()} must not race with them.
 */
public final class SafetensorsFile implements AutoCloseable {
    static final long MAP_WINDOW = 1L << 30;
    static final long READ_CHUNK = 256L << 10;

    /** System property choosing how data are read: {@code pread} (default) or {@code mmap}. */
    public static final String READ_MODE_PROPERTY = "tunebook.safetensors.read";

    private final boolean mapped;
    private final long window;
    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final SafetensorsHeader header;

    private SafetensorsFile(
            Path path, FileChannel channel, long dataStart, SafetensorsHeader h, long window) {
        this.mapped = "mmap".equals(System.getProperty(READ_MODE_PROPERTY));
        this.window = window;
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.header = h;
    }

    /**
     * Opens {@code path} and validates its header.
     *
     * @throws WeightsFormatException if the header is malformed; the message names the file and the
     *     tensor or field at fault
     */
    public static SafetensorsFile open(Path path) throws IOException {
        return open(path, 0);
    }

    /**
     * Opens {@code path} reading or mapping at most {@code window} bytes at once (a multiple of 8;
     * 0 for the default of the read mode).
     */
    static SafetensorsFile open(Path path, long window) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            long headerLength = readHeaderLength(path, channel, size);
            byte[] json = new byte[(int) headerLength];
            readFully(channel, ByteBuffer.wrap(json), 8);
            long dataStart = 8 + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(path, json, size - dataStart);
            return new SafetensorsFile(path, channel, dataStart, header, window);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static long readHeaderLength(Path path, FileChannel channel, long size)
            throws IOException {
        if (size < 8) {
            throw new WeightsFormatException(
                    path, "file is " + size + " bytes, too short for a safetensors header");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, prefix, 0);
        long length = prefix.getLong(0);
        if (length <= 0 || length > SafetensorsHeader.MAX_HEADER_BYTES || length > size - 8) {
            throw new WeightsFormatException(
                    path,
                    "header length "
                            + Long.toUnsignedString(length)
                            + " does not fit the file of "
                            + size
                            + " bytes (is it truncated or not a safetensors file?)");
        }
        return length;
    }

    private static void readFully(FileChannel channel, ByteBuffer dst, long position)
            throws IOException {
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + position);
            }
            position += n;
        }
    }

    /** Returns the file this reads. */
    public Path path() {
        return path;
    }

    /** Returns the tensors in header order, by name. */
    public Map<String, TensorInfo> tensors() {
        return header.tensors();
    }

    /** Returns the string metadata of the header ({@code __metadata__}), possibly empty. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /**
     * Returns the description of tensor {@code name}.
     *
     * @throws IllegalArgumentException if the file has no such tensor
     */
    public TensorInfo tensor(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new IllegalArgumentException(
                    path + ": no tensor '" + name + "' (" + header.tensors().size() + " tensors)");
        }
        return info;
    }

    /**
     * Reads a floating-point tensor widened (or, for F64, narrowed) to float.
     *
     * @throws WeightsFormatException if the tensor is not F16, BF16, F32 or F64, or has 2^31 or
     *     more elements
     */
    public float[] readFloats(String name) throws IOException {
        TensorInfo info = tensor(name);
        requireFloat(info);
        float[] values = new float[arrayLength(info)];
        FloatBuffer dst = FloatBuffer.wrap(values);
        forEachWindow(info, chunk -> ElementDecoder.toFloats(info.dtype(), chunk, dst));
        return values;
    }

    /**
     * Reads an integer or boolean tensor widened to long.
     *
     * @throws WeightsFormatException if the tensor holds floats or has 2^31 or more elements
     */
    public long[] readLongs(String name) throws IOException {
        TensorInfo info = tensor(name);
        if (info.dtype().isFloat()) {
            throw new WeightsFormatException(
                    path, "tensor '" + name + "' is " + info.dtype() + ", not an integer type");
        }
        long[] values = new long[arrayLength(info)];
        LongBuffer dst = LongBuffer.wrap(values);
        forEachWindow(info, chunk -> ElementDecoder.toLongs(info.dtype(), chunk, dst));
        return values;
    }

    /**
     * Creates an NDArray of tensor {@code name} in {@code manager}: FLOAT32 for float tensors,
     * INT64 for integer tensors and BOOLEAN for BOOL. The data passes through native memory only,
     * never the Java heap.
     */
    public NDArray toNDArray(String name, NDManager manager) throws IOException {
        return new NDArrayReader(this, manager, NDArrayReader.MAX_BUFFER_BYTES).read(tensor(name));
    }

    /**
     * Reads the bytes of elements {@code [from, to)} of {@code info} straight into {@code dst}
     * (positional reads need no intermediate buffer; mapped mode copies from the mapping).
     */
    void readVerbatim(TensorInfo info, long from, long to, ByteBuffer dst) throws IOException {
        int size = info.dtype().byteSize();
        if (mapped) {
            forEachWindow(info, from, to, dst::put);
            return;
        }
        ByteBuffer target = dst.duplicate();
        target.limit(target.position() + Math.toIntExact((to - from) * size));
        readFully(channel, target, dataStart + info.begin() + from * size);
    }

    /** Calls {@code action} on elements {@code [from, to)} of {@code info}, a window at a time. */
    void forEachWindow(TensorInfo info, long from, long to, WindowAction action)
            throws IOException {
        int size = info.dtype().byteSize();
        forEachWindow(info.begin() + from * size, info.begin() + to * size, action);
    }

    private void forEachWindow(TensorInfo info, WindowAction action) throws IOException {
        forEachWindow(info.begin(), info.end(), action);
    }

    private void forEachWindow(long begin, long end, WindowAction action) throws IOException {
        if (mapped) {
            long mapSize = window > 0 ? window : MAP_WINDOW;
            for (long start = begin; start < end; start += mapSize) {
                long length = Math.min(mapSize, end - start);
                action.accept(
                        channel.map(FileChannel.MapMode.READ_ONLY, dataStart + start, length)
                                .order(ByteOrder.LITTLE_ENDIAN));
            }
            return;
        }
        long chunkSize = window > 0 ? window : READ_CHUNK;
        ByteBuffer chunk = ByteBuffer.allocateDirect((int) Math.min(chunkSize, end - begin));
        chunk.order(ByteOrder.LITTLE_ENDIAN);
        for (long start = begin; start < end; start += chunk.capacity()) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - start));
            readFully(channel, chunk, dataStart + start);
            action.accept(chunk.flip());
        }
    }

    void requireFloat(TensorInfo info) throws WeightsFormatException {
        if (!info.dtype().isFloat() || info.dtype().isFloat8()) {
            throw new WeightsFormatException(
                    path,
                    "tensor '"
                            + info.name()
                            + "' is "
                            + info.dtype()
                            + ", not a supported float type (F16, BF16, F32, F64)");
        }
    }

    private int arrayLength(TensorInfo info) throws WeightsFormatException {
        long count = info.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new WeightsFormatException(
                    path,
                    "tensor '"
                            + info.name()
                            + "' has "
                            + count
                            + " elements, too many for a Java array; use toNDArray");
        }
        return (int) count;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + header.tensors().size() + " tensors]";
    }

    /** Receives one mapped window of tensor bytes. */
    @FunctionalInterface
    interface WindowAction {
        void accept(ByteBuffer window);
    }
}
