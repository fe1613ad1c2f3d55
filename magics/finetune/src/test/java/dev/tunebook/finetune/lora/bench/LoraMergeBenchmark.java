package dev.tunebook.finetune.lora.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.LanguageModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures inference latency per example on CPU for tiny-llama: the base model, the base with the
 * fixture LoRA adapter unmerged, and with the adapter merged into the base weights.
 *
 * <p>Usage: {@code LoraMergeBenchmark [iterations] [tokens]} with {@code -Dtunebook.fixtures=DIR}
 * (default {@code ../../../shared/fixtures}). One example is a batch of 1 × {@code tokens} (default
 * 32). Run with {@code -Dai.djl.pytorch.num_threads=1} so that the calling thread's CPU time,
 * printed beside wall time, covers the whole forward pass; on a loaded machine it is the steadier
 * number.
 */
public final class LoraMergeBenchmark {
    private static final int BLOCK = 50;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LoraMergeBenchmark() {}

    /** Runs the benchmark and prints median and mean latency per example for each variant. */
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path fixtures =
                Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        Path base = fixtures.resolve("models/tiny-llama");
        Path adapter = fixtures.resolve("adapters/tiny-llama-lora");
        long[] ids = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            ids[i] = 1 + (i * 37L) % 900;
        }
        System.out.printf(
                "tiny-llama, batch 1 x %d tokens, %d iterations per variant, %d cores%n",
                tokens, iterations, Runtime.getRuntime().availableProcessors());
        try (LanguageModel plain = LanguageModel.load(base, Device.cpu());
                LanguageModel adapted = LanguageModel.load(base, Device.cpu())) {
            LoraModel lora = LoraModel.load(adapted, adapter);
            long[][] nanos = new long[3][iterations];
            long[][] cpu = new long[3][iterations];
            for (int i = 0; i < 100; i++) {
                run(plain, ids);
                run(adapted, ids);
            }
            // variants take turns in blocks, so a change in machine load hits all of them alike
            for (int done = 0; done < iterations; done += BLOCK) {
                int n = Math.min(BLOCK, iterations - done);
                time(plain, ids, nanos[0], cpu[0], done, n);
                time(adapted, ids, nanos[1], cpu[1], done, n);
                lora.merge();
                time(adapted, ids, nanos[2], cpu[2], done, n);
                lora.unmerge();
            }
            report("base model    ", nanos[0], cpu[0]);
            report("LoRA unmerged ", nanos[1], cpu[1]);
            report("LoRA merged   ", nanos[2], cpu[2]);
        }
    }

    private static void time(
            LanguageModel model, long[] ids, long[] wall, long[] cpu, int from, int n) {
        for (int i = from; i < from + n; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            run(model, ids);
            wall[i] = System.nanoTime() - start;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
    }

    private static void run(LanguageModel model, long[] ids) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.create(ids, new Shape(1, ids.length));
            NDArray mask = scope.ones(new Shape(1, ids.length), DataType.INT64);
            model.forward(input, mask).toFloatArray();
        }
    }

    private static void report(String what, long[] wall, long[] cpu) {
        System.out.printf(
                "%s wall median %7.1f us  p90 %7.1f us | thread CPU median %7.1f us per example%n",
                what, percentile(wall, 50), percentile(wall, 90), percentile(cpu, 50));
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e3;
    }
}
