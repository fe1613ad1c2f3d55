package dev.tunebook.finetune.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * An 8-bit weight of a quantized ONNX model with its scale and zero point, per tensor or per column
 * (the last dimension, as onnxruntime's per-channel {@code MatMulInteger} weights): {@code w[r][c]
 * = (q[r][c] - zeroPoint[c]) * scale[c]}. The quantized values stay a slice of the mapped file
 * until {@link #dequantize} widens them.
 *
 * @param values the {@code int8} or {@code uint8} initializer, 1- or 2-dimensional
 * @param scale one scale, or one per column
 * @param zeroPoint one zero point, or one per column (0 when the graph gives none)
 */
record QuantizedWeight(OnnxGraph.Tensor values, float[] scale, int[] zeroPoint) {
    static final int UINT8 = 2;
    static final int INT8 = 3;

    /**
     * Returns the weight of {@code values} with {@code scale} and {@code zeroPoint} (null for
     * none), checked against each other.
     *
     * @throws WeightsFormatException naming the initializer when a type, size or length is wrong
     */
    static QuantizedWeight of(
            Path file, OnnxGraph.Tensor values, OnnxGraph.Tensor scale, OnnxGraph.Tensor zeroPoint)
            throws WeightsFormatException {
        if (values.dataType() != INT8 && values.dataType() != UINT8) {
            throw error(
                    file, values, "has ONNX data type " + values.dataType() + ", not int8/uint8");
        }
        if (values.raw() == null || values.raw().remaining() != values.elementCount()) {
            throw error(
                    file,
                    values,
                    "holds "
                            + (values.raw() == null ? 0 : values.raw().remaining())
                            + " bytes in raw_data, its dims need "
                            + values.elementCount());
        }
        long[] dims = values.dims();
        long columns = dims.length == 0 ? 1 : dims[dims.length - 1];
        float[] scales = floats(file, scale);
        int[] zeros = zeroPoint == null ? new int[] {0} : ints(file, zeroPoint, values.dataType());
        for (int length : new int[] {scales.length, zeros.length}) {
            if (length != 1 && length != columns) {
                throw error(
                        file,
                        values,
                        "has "
                                + length
                                + " scales or zero points for "
                                + columns
                                + " columns (per tensor or per column only)");
            }
        }
        return new QuantizedWeight(values, scales, zeros);
    }

    /** Returns the dequantized weight, row-major in the shape of {@link #values}. */
    FloatBuffer dequantize() {
        long[] dims = values.dims();
        int columns = dims.length == 0 ? 1 : Math.toIntExact(dims[dims.length - 1]);
        ByteBuffer q = values.raw().slice();
        boolean signed = values.dataType() == INT8;
        float[] out = new float[q.remaining()];
        for (int i = 0; i < out.length; i++) {
            int c = i % columns;
            int raw = signed ? q.get(i) : q.get(i) & 0xFF;
            int zero = zeroPoint.length == 1 ? zeroPoint[0] : zeroPoint[c];
            out[i] = (raw - zero) * (scale.length == 1 ? scale[0] : scale[c]);
        }
        return FloatBuffer.wrap(out);
    }

    private static float[] floats(Path file, OnnxGraph.Tensor t) throws WeightsFormatException {
        if (t.dataType() != OnnxGraph.FLOAT) {
            throw error(file, t, "is a scale of ONNX data type " + t.dataType() + ", not float");
        }
        if (t.raw() == null) {
            return t.floats();
        }
        float[] out = new float[t.raw().remaining() / 4];
        t.raw().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static int[] ints(Path file, OnnxGraph.Tensor t, int valuesType)
            throws WeightsFormatException {
        if (t.dataType() != valuesType) {
            throw error(
                    file,
                    t,
                    "is a zero point of ONNX data type "
                            + t.dataType()
                            + ", expected the weight's type "
                            + valuesType);
        }
        if (t.raw() == null) {
            return java.util.Arrays.stream(t.longs()).mapToInt(Math::toIntExact).toArray();
        }
        ByteBuffer raw = t.raw().slice();
        int[] out = new int[raw.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = valuesType == INT8 ? raw.get(i) : raw.get(i) & 0xFF;
        }
        return out;
    }

    private static WeightsFormatException error(Path file, OnnxGraph.Tensor t, String detail) {
        return new WeightsFormatException(
                file, "quantized initializer '" + t.name() + "' " + detail);
    }
}
