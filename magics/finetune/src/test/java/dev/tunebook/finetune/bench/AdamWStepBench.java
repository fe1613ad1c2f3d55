package dev.tunebook.finetune.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.train.AdamW;
import dev.tunebook.finetune.train.GradientClipping;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-step overhead of the optimizer on a tiny parameter set (the 28 tensors of tiny-gpt2, 60k
 * floats) on CPU: a naive DJL loop (element-wise ops, scalar arrays and a sub-manager per
 * parameter) against {@link AdamW}, alone and with global-norm clipping.
 *
 * <p>Wall time suffers from whatever else the machine runs; the calling thread's CPU time does not,
 * and with one intra-op thread all of PyTorch's work happens on that thread.
 *
 * <p>Wall time suffers from whatever else the machine runs; the calling thread's CPU time does not,
 * and with one intra-op thread all of PyTorch's work happens on that thread.
 *
 * <p>Run: {@code java -cp CLASSPATH dev.tunebook.finetune.bench.AdamWStepBench [iterations
 * [torchThreads]]}. Each variant is timed three times; the best is reported, since other processes
 * on a shared machine only ever add time. With tensors this small PyTorch's intra-op threads cost
 * more than they bring, badly so on a loaded machine: compare a run with 1 thread.
 */
public final class AdamWStepBench {
    private static final long[][] SHAPES = tinyGpt2Shapes();

    private AdamWStepBench() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (NDManager manager = NDManager.newBaseManager()) {
            if (args.length > 1) {
                JniUtils.setNumThreads(Integer.parseInt(args[1]));
            }
            System.out.println("torch intra-op threads: " + JniUtils.getNumThreads());
            Map<String, NDArray> params = parameters(manager);
            NaiveAdamW naive = new NaiveAdamW(manager, params);
            report("naive DJL loop", iterations, () -> naive.step(0.01));
            try (AdamW adam = AdamW.builder().build()) {
                report("AdamW (fused)", iterations, () -> adam.step(params, 0.01));
                report(
                        "clip + AdamW",
                        iterations,
                        () -> {
                            double norm = GradientClipping.globalNorm(params.values());
                            adam.step(params, 0.01, GradientClipping.coefficient(norm, 1.0));
                        });
            }
        }
    }

    private static void report(String name, int iterations, Runnable step) {
        for (int i = 0; i < iterations / 4; i++) {
            step.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double wall = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < iterations; i++) {
                step.run();
            }
            wall = Math.min(wall, (System.nanoTime() - start) / 1e6 / iterations);
            cpu = Math.min(cpu, (threads.getCurrentThreadCpuTime() - startCpu) / 1e6 / iterations);
        }
        System.out.printf(
                "%-16s %7.3f ms/step wall %7.3f ms/step cpu (%d steps, %d tensors)%n",
                name, wall, cpu, iterations, SHAPES.length);
    }

    private static Map<String, NDArray> parameters(NDManager manager) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (int i = 0; i < SHAPES.length; i++) {
            NDArray p = manager.randomNormal(new Shape(SHAPES[i]));
            p.setRequiresGradient(true);
            params.put("p" + i, p);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray total = manager.zeros(new Shape());
            for (NDArray p : params.values()) {
                total = total.add(p.square().sum());
            }
            collector.backward(total);
        }
        return params;
    }

    private static long[][] tinyGpt2Shapes() {
        List<long[]> shapes = new ArrayList<>(List.of(new long[] {1000, 32}, new long[] {64, 32}));
        for (int layer = 0; layer < 2; layer++) {
            shapes.addAll(
                    List.of(
                            new long[] {32},
                            new long[] {32},
                            new long[] {32, 96},
                            new long[] {96},
                            new long[] {32, 32},
                            new long[] {32},
                            new long[] {32},
                            new long[] {32},
                            new long[] {32, 128},
                            new long[] {128},
                            new long[] {128, 32},
                            new long[] {32}));
        }
        shapes.addAll(List.of(new long[] {32}, new long[] {32}));
        return shapes.toArray(long[][]::new);
    }

    /** AdamW written the obvious way with DJL ops, one sub-manager per parameter per step. */
    private static final class NaiveAdamW {
        private final Map<String, NDArray> params;
        private final Map<String, NDArray> m = new LinkedHashMap<>();
        private final Map<String, NDArray> v = new LinkedHashMap<>();
        private int t;

        NaiveAdamW(NDManager manager, Map<String, NDArray> params) {
            this.params = params;
            params.forEach(
                    (k, p) -> {
                        m.put(k, manager.zeros(p.getShape()));
                        v.put(k, manager.zeros(p.getShape()));
                    });
        }

        void step(double lr) {
            t++;
            double bc1 = 1 - Math.pow(0.9, t);
            double bc2 = 1 - Math.pow(0.999, t);
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray p = e.getValue();
                try (NDManager sub = p.getManager().newSubManager()) {
                    NDArray g = p.getGradient();
                    g.attach(sub);
                    NDArray mk = m.get(e.getKey());
                    NDArray vk = v.get(e.getKey());
                    p.muli(1 - lr * 0.01);
                    mk.muli(0.9).addi(g.mul(0.1));
                    vk.muli(0.999).addi(g.square().mul(0.001));
                    NDArray denom = vk.sqrt().div(Math.sqrt(bc2)).add(1e-8);
                    p.subi(mk.div(denom).mul(lr / bc1));
                }
            }
        }
    }
}
