package dev.tunebook.finetune.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One linear layer ({@code x W^T}, float32) at the shapes of a LoRA step's projections, in DJL's
 * libtorch and in Debian's PyTorch, in one run: whether a model's step is slower than PyTorch's
 * because of tunebook's code or because of the matrix library each side links (DJL's libtorch
 * carries Intel MKL; Debian's uses the system BLAS, OpenBLAS here).
 *
 * <p>Run: {@code ./tunebook bench LinearShapeBench [repeats [threads]]} (7 and 2 by default).
 * Prints {@code ratio linear_ROWSxINxOUT=VALUE} (tunebook's time over PyTorch's) per shape.
 */
public final class LinearShapeBench {
    /** Rows, in, out: 2 × 128 tokens through Llama-3.2-1B's and Qwen2.5-0.5B's projections. */
    private static final long[][] SHAPES = {
        {256, 2048, 2048}, {256, 2048, 512}, {256, 2048, 8192}, {256, 8192, 2048},
        {256, 2048, 128256}, {256, 896, 896}, {256, 896, 128}, {256, 896, 4864},
        {256, 4864, 896}
    };

    private LinearShapeBench() {}

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.println(PythonReference.requireTorch());
        Map<String, Double> torch = torchTimes(repeats, threads);
        Engine engine = Engine.getEngine("PyTorch");
        System.out.println(
                "tunebook: DJL " + engine.getVersion() + " on " + engine.getEngineName());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (long[] s : SHAPES) {
                String key = s[0] + "," + s[1] + "," + s[2];
                double ours = djlTime(manager, s, repeats);
                double theirs = torch.get(key);
                System.out.printf(
                        "ratio linear_%dx%dx%d=%.3f  (tunebook %.1f ms, PyTorch %.1f ms)%n",
                        s[0], s[1], s[2], ours / theirs, ours, theirs);
            }
        }
    }

    private static double djlTime(NDManager manager, long[] s, int repeats) {
        try (NDArray x = manager.randomNormal(new Shape(s[0], s[1]));
                NDArray w = manager.randomNormal(new Shape(s[2], s[1]))) {
            double[] times = new double[repeats + 2];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                try (NDArray y = ai.djl.nn.core.Linear.linear(x, w).singletonOrThrow();
                        NDArray first = y.get(0)) {
                    first.getFloat(0);
                }
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            double[] kept = Arrays.copyOfRange(times, 2, times.length);
            Arrays.sort(kept);
            return kept[kept.length / 2];
        }
    }

    private static Map<String, Double> torchTimes(int repeats, int threads) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(PythonReference.python());
        command.add(PythonReference.script("linear_shapes.py").toString());
        command.add(String.valueOf(threads));
        command.add(String.valueOf(repeats));
        for (long[] s : SHAPES) {
            command.add(s[0] + "," + s[1] + "," + s[2]);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Double> times = new HashMap<>();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[0].matches("\\d+,\\d+,\\d+")) {
                    times.put(parts[0], Double.parseDouble(parts[1]));
                } else {
                    System.out.println("PyTorch: " + line);
                }
            }
        }
        if (p.waitFor() != 0 || times.size() != SHAPES.length) {
            throw new IllegalStateException("the PyTorch side failed (exit " + p.exitValue() + ")");
        }
        return times;
    }
}
