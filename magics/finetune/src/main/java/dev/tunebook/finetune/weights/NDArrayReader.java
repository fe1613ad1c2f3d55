package dev.tunebook.finetune.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * Creates NDArrays from the tensors of a safetensors file, decoding straight into native memory
 * (see {@link NativeArrays}). Tensors larger than one buffer are read in slices of rows and
 * concatenated.
 */
final class NDArrayReader {
    static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE & ~7L;

    private final SafetensorsFile file;
    private final NDManager manager;
    private final long maxBufferBytes;

    NDArrayReader(SafetensorsFile file, NDManager manager, long maxBufferBytes) {
        this.file = file;
        this.manager = manager;
        this.maxBufferBytes = maxBufferBytes;
    }

    /** Returns the NDArray type a tensor of {@code dtype} is read as. */
    static DataType outputType(DType dtype) {
        if (dtype == DType.BOOL) {
            return DataType.BOOLEAN;
        }
        return dtype.isFloat() ? DataType.FLOAT32 : DataType.INT64;
    }

    NDArray read(TensorInfo info) throws IOException {
        if (info.dtype().isFloat()) {
            file.requireFloat(info);
        }
        DataType type = outputType(info.dtype());
        long count = info.elementCount();
        if (count * type.getNumOfBytes() <= maxBufferBytes) {
            return readRows(info, type, 0, count, new Shape(info.shape()));
        }
        return readInSlices(info, type);
    }

    private NDArray readInSlices(TensorInfo info, DataType type) throws IOException {
        long[] shape = info.shape();
        long rowElements = shape.length == 0 || shape[0] == 0 ? 0 : info.elementCount() / shape[0];
        long rowBytes = rowElements * type.getNumOfBytes();
        if (rowBytes == 0 || rowBytes > maxBufferBytes) {
            throw new WeightsFormatException(
                    file.path(),
                    "tensor '"
                            + info.name()
                            + "' "
                            + Arrays.toString(shape)
                            + " has rows too large to read");
        }
        long rowsPerSlice = maxBufferBytes / rowBytes;
        NDArray whole = NativeArrays.writableWhole(manager, new Shape(shape), type);
        if (whole != null) {
            try {
                fillInPlace(info, type, whole, rowsPerSlice, rowElements);
                return whole;
            } catch (IOException | RuntimeException e) {
                whole.close();
                throw e;
            }
        }
        try (NDList slices = new NDList()) {
            for (long row = 0; row < shape[0]; row += rowsPerSlice) {
                long rows = Math.min(rowsPerSlice, shape[0] - row);
                long[] sliceShape = shape.clone();
                sliceShape[0] = rows;
                slices.add(
                        readRows(
                                info,
                                type,
                                row * rowElements,
                                (row + rows) * rowElements,
                                new Shape(sliceShape)));
            }
            return NDArrays.concat(slices, 0);
        }
    }

    /**
     * Fills {@code whole} a slice of rows at a time through views of its memory, so a tensor over 2
     * GiB needs no second copy for concatenation.
     */
    private void fillInPlace(
            TensorInfo info, DataType type, NDArray whole, long rowsPerSlice, long rowElements)
            throws IOException {
        long totalRows = whole.getShape().get(0);
        for (long row = 0; row < totalRows; row += rowsPerSlice) {
            long end = Math.min(totalRows, row + rowsPerSlice);
            try (NDArray rows = whole.get(new NDIndex(row + ":" + end))) {
                ByteBuffer view =
                        NativeArrays.writableView(
                                rows, (end - row) * rowElements * type.getNumOfBytes());
                fill(info, type, row * rowElements, end * rowElements, view);
            }
        }
    }

    private NDArray readRows(TensorInfo info, DataType type, long from, long to, Shape shape)
            throws IOException {
        return NativeArrays.create(
                manager, shape, type, buffer -> fill(info, type, from, to, buffer));
    }

    /** Returns whether elements of {@code dtype} are stored exactly as {@code type} holds them. */
    private static boolean isVerbatim(DType dtype, DataType type) {
        boolean sameLayout =
                dtype == DType.F32 && type == DataType.FLOAT32
                        || dtype == DType.I64 && type == DataType.INT64
                        || dtype == DType.BOOL && type == DataType.BOOLEAN;
        return sameLayout && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }

    private void fill(TensorInfo info, DataType type, long from, long to, ByteBuffer buffer)
            throws IOException {
        if (isVerbatim(info.dtype(), type)) {
            file.readVerbatim(info, from, to, buffer);
        } else if (type == DataType.FLOAT32) {
            FloatBuffer floats = buffer.asFloatBuffer();
            file.forEachWindow(
                    info, from, to, w -> ElementDecoder.toFloats(info.dtype(), w, floats));
        } else if (type == DataType.INT64) {
            LongBuffer longs = buffer.asLongBuffer();
            file.forEachWindow(info, from, to, w -> ElementDecoder.toLongs(info.dtype(), w, longs));
        } else {
            file.forEachWindow(info, from, to, buffer::put);
        }
    }
}
