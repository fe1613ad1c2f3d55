package dev.tunebook.finetune.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.weights.Weights;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures loading a BF16 safetensors file of at least 1 GiB into F32 NDArrays against a raw
 * sequential read of the same file, with peak RSS and Java heap.
 *
 * <p>Usage: {@code java -cp ... SafetensorsLoadBench [FILE] [GIB] [ROUNDS]} (default {@code
 * /tmp/tunebook-bench-bf16.safetensors}, 1 GiB, 3 rounds). Run with a small heap ({@code -Xmx256m})
 * to show that the weights never pass through it.
 */
public final class SafetensorsLoadBench {
    private static final int ROWS = 4096;
    private static final int COLS = 8192;

    private SafetensorsLoadBench() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/tunebook-bench-bf16.safetensors");
        int gib = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int tensors = gib * 16;
        if (!Files.exists(file)) {
            write(file, tensors);
        }
        double mb = Files.size(file) / 1e6;
        System.out.printf(
                "file %s: %.1f MB, %d BF16 tensors [%d, %d]%n", file, mb, tensors, ROWS, COLS);
        System.out.printf(
                "THP_MEM_ALLOC_ENABLE=%s OMP_WAIT_POLICY=%s%n",
                System.getenv("THP_MEM_ALLOC_ENABLE"), System.getenv("OMP_WAIT_POLICY"));
        double bestRaw = Double.MAX_VALUE;
        double bestLoad = Double.MAX_VALUE;
        double bestRawCpu = Double.MAX_VALUE;
        double bestLoadCpu = Double.MAX_VALUE;
        for (int round = 1; round <= rounds; round++) {
            double cpu0 = cpuSeconds();
            double raw = rawRead(file);
            double cpu1 = cpuSeconds();
            double load = load(file);
            double cpu2 = cpuSeconds();
            bestRaw = Math.min(bestRaw, raw);
            bestLoad = Math.min(bestLoad, load);
            bestRawCpu = Math.min(bestRawCpu, cpu1 - cpu0);
            bestLoadCpu = Math.min(bestLoadCpu, cpu2 - cpu1);
            System.out.printf(
                    "round %d: raw read %.0f MB/s (%.2f s, %.2f CPU s), load %.0f MB/s (%.2f s,"
                            + " %.2f CPU s), ratio %.2f%n",
                    round, mb / raw, raw, cpu1 - cpu0, mb / load, load, cpu2 - cpu1, raw / load);
        }
        System.out.printf(
                "best: raw read %.0f MB/s, load %.0f MB/s, ratio %.2f (threads: %d);"
                        + " CPU s raw %.2f, load %.2f, CPU ratio %.2f%n",
                mb / bestRaw,
                mb / bestLoad,
                bestRaw / bestLoad,
                Runtime.getRuntime().availableProcessors(),
                bestRawCpu,
                bestLoadCpu,
                bestRawCpu / bestLoadCpu);
        double touch = faultInCpuSeconds(tensors);
        System.out.printf(
                "floor: faulting in fresh F32 tensors of the load's size alone %.2f CPU s;"
                        + " raw read + that %.2f CPU s, so CPU ratio at most %.2f%n",
                touch, bestRawCpu + touch, bestRawCpu / (bestRawCpu + touch));
        System.out.printf(
                "peak RSS (VmHWM) %s; peak Java heap used %.1f MB; max heap %.0f MB%n",
                procStatus("VmHWM"), peakHeapBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getProcessCpuTime() / 1e9
                : Double.NaN;
    }

    private static double rawRead(Path file) throws IOException {
        long start = System.nanoTime();
        long checksum = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer.clear()) > 0) {
                checksum += buffer.get(0);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return checksum == Long.MIN_VALUE ? -1 : seconds;
    }

    private static double load(Path file) throws IOException {
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> weights = Weights.load(file, manager);
            double seconds = (System.nanoTime() - start) / 1e9;
            float probe = weights.values().iterator().next().getFloat(1, 2);
            return Float.isNaN(probe) && probe != probe ? -1 : seconds;
        }
    }

    /**
     * Returns the least CPU seconds of three tries at creating {@code tensors} empty F32 tensors of
     * [ROWS, COLS] and writing one byte per 4 KiB page: the page-fault cost any load pays.
     */
    private static double faultInCpuSeconds(int tensors) {
        double best = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            double cpu0 = cpuSeconds();
            try (NDManager manager = NDManager.newBaseManager()) {
                for (int t = 0; t < tensors; t++) {
                    NDArray array = manager.create(new Shape(ROWS, COLS), DataType.FLOAT32);
                    ByteBuffer memory = array.toByteBuffer(true);
                    for (int page = 0; page < memory.capacity(); page += 4096) {
                        memory.put(page, (byte) 1);
                    }
                }
            }
            best = Math.min(best, cpuSeconds() - cpu0);
        }
        return best;
    }

    /** Writes {@code tensors} random BF16 tensors of [ROWS, COLS] in the safetensors layout. */
    private static void write(Path file, int tensors) throws IOException {
        long bytesPerTensor = 2L * ROWS * COLS;
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        for (int t = 0; t < tensors; t++) {
            header.append(
                    String.format(
                            ",\"layer.%03d.weight\":{\"dtype\":\"BF16\",\"shape\":[%d,%d],\"data_offsets\":[%d,%d]}",
                            t, ROWS, COLS, t * bytesPerTensor, (t + 1) * bytesPerTensor));
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(42);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "bench", ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            out.write(
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, json.length));
            out.write(ByteBuffer.wrap(json));
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (long written = 0;
                    written < tensors * bytesPerTensor;
                    written += chunk.capacity()) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    float value = (float) random.nextGaussian() * 0.02f;
                    chunk.putShort((short) (Float.floatToIntBits(value) >>> 16));
                }
                out.write(chunk.flip());
            }
        }
        Files.move(temp, file);
    }

    private static String procStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return "n/a";
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
