package dev.tunebook.finetune.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the tensors of one safetensors file into NDArrays on several threads (one tensor per task),
 * since widening BF16 and touching fresh memory cost CPU rather than I/O. On failure or interrupt
 * every array already made is closed.
 */
final class ParallelTensorReader {
    private ParallelTensorReader() {}

    static Map<String, NDArray> read(SafetensorsFile file, NDManager manager) throws IOException {
        List<TensorInfo> tensors = new ArrayList<>(file.tensors().values());
        int threads =
                Math.max(
                        1,
                        Math.min(
                                Runtime.getRuntime().availableProcessors(),
                                Math.min(8, tensors.size())));
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        threads,
                        task -> {
                            Thread thread = new Thread(task, "safetensors-reader");
                            thread.setDaemon(true);
                            return thread;
                        });
        List<Future<NDArray>> futures = new ArrayList<>();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try {
            for (TensorInfo info : tensors) {
                futures.add(pool.submit(() -> file.toNDArray(info.name(), manager)));
            }
            for (int i = 0; i < tensors.size(); i++) {
                arrays.put(tensors.get(i).name(), futures.get(i).get());
            }
            return arrays;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(futures, arrays);
            throw new InterruptedIOException("loading " + file.path() + " was interrupted");
        } catch (ExecutionException e) {
            discard(futures, arrays);
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(file.path() + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private static void discard(List<Future<NDArray>> futures, Map<String, NDArray> arrays) {
        futures.forEach(f -> f.cancel(true));
        arrays.values().forEach(NDArray::close);
        for (Future<NDArray> future : futures) {
            if (future.isDone() && !future.isCancelled()) {
                try {
                    NDArray array = future.get();
                    if (!arrays.containsValue(array)) {
                        array.close();
                    }
                } catch (InterruptedException | ExecutionException e) {
                    // Nothing was made by this task.
                }
            }
        }
    }
}
