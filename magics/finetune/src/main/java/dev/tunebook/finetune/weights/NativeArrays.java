package dev.tunebook.finetune.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Creates NDArrays filled through a direct buffer, so their data never pass through the Java heap:
 * on PyTorch's CPU device the buffer is the tensor's own memory; elsewhere it is a direct buffer
 * the engine copies to the device.
 */
final class NativeArrays {
    private NativeArrays() {}

    /** Writes the elements of a new array into a native-order buffer. */
    @FunctionalInterface
    interface Filler {
        void fill(ByteBuffer buffer) throws IOException;
    }

    /** Creates an array of {@code shape} and {@code type} whose bytes {@code filler} writes. */
    static NDArray create(NDManager manager, Shape shape, DataType type, Filler filler)
            throws IOException {
        int bytes = Math.toIntExact(shape.size() * type.getNumOfBytes());
        if (bytes == 0) {
            return manager.create(shape, type);
        }
        NDArray target = writableTarget(manager, shape, type, bytes);
        if (target != null) {
            try {
                filler.fill(target.toByteBuffer(true).order(ByteOrder.nativeOrder()));
                return target;
            } catch (IOException | RuntimeException e) {
                target.close();
                throw e;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        filler.fill(buffer);
        return manager.create(buffer.rewind(), shape, type);
    }

    /**
     * Returns an uninitialised CPU tensor whose memory is writable through a direct buffer, or null
     * where the engine does not offer one.
     */
    private static NDArray writableTarget(
            NDManager manager, Shape shape, DataType type, int bytes) {
        if (!isPyTorchCpu(manager)) {
            return null;
        }
        NDArray array = manager.create(shape, type);
        ByteBuffer view = array.toByteBuffer(true);
        if (view.isDirect() && view.capacity() == bytes && !view.isReadOnly()) {
            return array;
        }
        array.close();
        return null;
    }

    /**
     * Returns an uninitialised CPU tensor of any size to be filled through {@link #writableView}s
     * of row slices, or null where the engine does not offer writable views.
     */
    static NDArray writableWhole(NDManager manager, Shape shape, DataType type) {
        return isPyTorchCpu(manager) ? manager.create(shape, type) : null;
    }

    /**
     * Returns a native-order buffer over the memory of {@code view} (a slice of rows of an array
     * from {@link #writableWhole}), checking that it really is that memory and not a copy.
     *
     * @throws IllegalStateException if the engine returned a copy
     */
    static ByteBuffer writableView(NDArray view, long bytes) {
        ByteBuffer buffer = view.toByteBuffer(true);
        if (!buffer.isDirect() || buffer.capacity() != bytes || buffer.isReadOnly()) {
            throw new IllegalStateException(
                    "the engine gave a copy, not a view, of " + view.getShape());
        }
        return buffer.order(ByteOrder.nativeOrder());
    }

    private static boolean isPyTorchCpu(NDManager manager) {
        return manager.getDevice().equals(Device.cpu())
                && "PyTorch".equals(manager.getEngine().getEngineName());
    }
}
