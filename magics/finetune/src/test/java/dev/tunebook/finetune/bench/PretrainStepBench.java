package dev.tunebook.finetune.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LlamaShape;
import dev.tunebook.finetune.model.RandomWeights;
import dev.tunebook.finetune.nn.OwnedArrays;
import dev.tunebook.finetune.train.AdamW;
import dev.tunebook.finetune.train.GradientClipping;
import dev.tunebook.finetune.train.NextTokenLoss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What one pretraining step of tunebook's default causal LM costs, to size a {@code tunebook
 * pretrain} run: the real shape (hidden 256, 8 layers, 4 heads, 2 key-value heads, intermediate
 * 688, vocabulary 8192, tied; 7.9 M parameters) at 4,096 tokens a step, as 16 rows of 256 and as 8
 * rows of 512, on random token ids: forward, next-token loss, backward, global norm, AdamW. After
 * two warm-up steps it prints, per shape, wall seconds a step, tokens per second and tokens per CPU
 * second of the whole process (on a shared machine the latter tells what the run gets from the
 * cores it is given), with the load average before and after.
 *
 * <p>{@code ./tunebook bench PretrainStepBench [steps [ROWSxLENGTH,...]]}, default {@code 6
 * 16x256,8x512}.
 */
public final class PretrainStepBench {
    private PretrainStepBench() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        List<String> shapes = List.of((args.length > 1 ? args[1] : "16x256,8x512").split(","));
        System.out.printf(
                "load average %s; %d cores; PyTorch %s%n",
                load(),
                Runtime.getRuntime().availableProcessors(),
                Engine.getInstance().getVersion());
        for (String shape : shapes) {
            String[] parts = shape.split("x");
            measure(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), steps);
        }
        System.out.printf("load average %s%n", load());
    }

    private static void measure(int rows, int length, int steps) {
        LlamaShape shape = new LlamaShape(8192, 256, 8, 4, 2, 688, 512);
        CausalLanguageModel model =
                RandomWeights.create(
                        shape.toConfig(List.of(0, 2), 3),
                        Device.cpu(),
                        1,
                        LlamaShape.INITIALIZER_RANGE);
        Random random = new Random(7);
        try (model;
                AdamW adamw = AdamW.builder().optBetas(0.9, 0.95).optWeightDecay(0.1).build()) {
            double wall = 0;
            double cpu = 0;
            for (int step = 0; step < steps + 2; step++) {
                long[] ids = new long[rows * length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = random.nextInt(8192);
                }
                long startWall = System.nanoTime();
                double startCpu = cpuSeconds();
                try (NDManager scope = model.manager().newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray batch = OwnedArrays.of(scope, ids, new Shape(rows, length));
                    collector.backward(NextTokenLoss.of(model, batch));
                }
                var weights = model.weights();
                double norm = GradientClipping.globalNorm(weights.values());
                adamw.step(weights, 1e-3, GradientClipping.coefficient(norm, 1.0));
                if (step >= 2) {
                    wall += (System.nanoTime() - startWall) / 1e9;
                    cpu += cpuSeconds() - startCpu;
                }
            }
            double tokens = (double) rows * length * steps;
            System.out.printf(
                    Locale.ROOT,
                    "%d x %d tokens: %.2f s a step, %.0f tok/s, %.0f tokens per CPU second (%.2f"
                            + " cores busy)%n",
                    rows,
                    length,
                    wall / steps,
                    tokens / wall,
                    tokens / cpu,
                    cpu / wall);
        }
    }

    private static double cpuSeconds() {
        return ProcessHandle.current()
                        .info()
                        .totalCpuDuration()
                        .map(java.time.Duration::toNanos)
                        .orElse(0L)
                / 1e9;
    }

    private static String load() throws java.io.IOException {
        Path file = Path.of("/proc/loadavg");
        return Files.isReadable(file) ? Files.readString(file).split(" ")[0] : "unknown";
    }
}
