package dev.tunebook.finetune.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.sun.management.OperatingSystemMXBean;
import dev.tunebook.finetune.data.Batch;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.train.AdamW;
import dev.tunebook.finetune.train.GradientClipping;
import dev.tunebook.finetune.train.LearningRateSchedule;
import dev.tunebook.finetune.train.TrainingStep;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DJL's per-step overhead: full training steps ({@link TrainingStep}: forward, loss, backward, clip
 * 1.0, AdamW) of the fixture tiny-bert (classification) and tiny-gpt2 (causal LM) at batch 2 × 8 on
 * CPU, where the arithmetic is negligible and what is left is the cost of native calls, array
 * handles and managers. Each phase is also timed alone, to show where the time goes.
 *
 * <p>Run from the repository root: {@code java -cp TEST_CLASSPATH
 * dev.tunebook.finetune.bench.TinyStepOverheadBench [steps [torchThreads]]}. Prints wall and
 * calling-thread CPU medians and the process CPU mean (all threads, JIT and GC included); compare
 * {@code minilm_train_step.py --tiny --threads 1}, the same step in PyTorch eager.
 */
public final class TinyStepOverheadBench {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private TinyStepOverheadBench() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Engine.getInstance();
        if (args.length > 1) {
            JniUtils.setNumThreads(Integer.parseInt(args[1]));
        }
        System.out.printf(
                "torch intra-op threads %d, OMP_WAIT_POLICY=%s%n",
                JniUtils.getNumThreads(), System.getenv("OMP_WAIT_POLICY"));
        Path fixtures =
                Path.of(System.getProperty("tunebook.fixtures", "../../../shared/fixtures"));
        measure(fixtures.resolve("models/tiny-bert"), classification(), steps);
        measure(fixtures.resolve("models/tiny-gpt2"), causal(), steps);
    }

    private static Batch classification() {
        long[] ids = {101, 7, 8, 9, 10, 11, 12, 102, 101, 13, 14, 15, 16, 17, 18, 102};
        long[] mask = new long[16];
        java.util.Arrays.fill(mask, 1);
        return new Batch(2, 8, ids, mask, new long[] {0, 1}, true);
    }

    private static Batch causal() {
        long[] ids = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        long[] mask = new long[16];
        java.util.Arrays.fill(mask, 1);
        return new Batch(2, 8, ids, mask, ids.clone(), false);
    }

    private static void measure(Path folder, Batch batch, int steps) throws Exception {
        try (LanguageModel model = LanguageModel.load(folder, Device.cpu());
                AdamW adam = AdamW.builder().build()) {
            model.setTraining(true);
            TrainingStep step =
                    TrainingStep.builder()
                            .setModel(model)
                            .setOptimizer(adam)
                            .setSchedule(LearningRateSchedule.constant(1e-3, 0))
                            .optMaxGradNorm(1.0)
                            .build();
            Map<String, NDArray> trainable = new LinkedHashMap<>(model.weights());
            System.out.printf(
                    "%s, batch 2 x 8, %d tensors:%n", folder.getFileName(), trainable.size());
            time("full TrainingStep.run", steps, () -> step.run(batch));
            time("sub-manager + collector", steps, () -> emptyScope(model));
            time("forward + loss", steps, () -> forward(model, batch, false));
            time("forward + loss + backward", steps, () -> forward(model, batch, true));
            time("clip norm", steps, () -> GradientClipping.globalNorm(trainable.values()));
            time("AdamW step", steps, () -> adam.step(trainable, 1e-3, 1.0));
            time("full step again", steps, () -> step.run(batch));
        }
    }

    private static void emptyScope(LanguageModel model) {
        try (NDManager scope = model.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            scope.getDevice();
        }
    }

    private static void forward(LanguageModel model, Batch batch, boolean backward) {
        try (NDManager scope = model.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList in = batch.toNDList(scope);
            NDArray loss = model.loss(in.get(0), in.get(1), in.get(2));
            loss.attach(scope);
            loss.getFloat();
            if (backward) {
                collector.backward(loss);
            }
        }
    }

    private static void time(String name, int steps, Runnable action) {
        for (int i = 0; i < Math.max(20, steps / 5); i++) {
            action.run();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StepTimes wall = new StepTimes();
        StepTimes cpu = new StepTimes();
        long startProcess = OS.getProcessCpuTime();
        for (int i = 0; i < steps; i++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            action.run();
            wall.addSince(start);
            cpu.add((threads.getCurrentThreadCpuTime() - startCpu) / 1e6);
        }
        double processCpu = (OS.getProcessCpuTime() - startProcess) / 1e6 / steps;
        System.out.printf(
                "  %-26s wall median %7.3f p90 %7.3f best %7.3f ms | cpu: thread median %7.3f,"
                        + " process mean %7.3f ms%n",
                name, wall.median(), wall.p90(), wall.best(), cpu.median(), processCpu);
    }
}
