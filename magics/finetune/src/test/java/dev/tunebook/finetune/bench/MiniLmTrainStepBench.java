package dev.tunebook.finetune.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.management.OperatingSystemMXBean;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.model.LanguageModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times one full fine-tuning step of the real all-MiniLM-L6-v2 (forward with dropout, mean pooling,
 * linear head, cross-entropy, backward, global-norm clip 1.0, AdamW) at batch 32 × 32 tokens on CPU
 * with DJL, alternating step by step with the same step in PyTorch eager ({@code
 * magics/finetune/src/test/python/minilm_train_step.py}), and prints median, p90 and the
 * DJL/PyTorch ratio of wall time and of process CPU time.
 *
 * <p>Run with {@code ./tunebook bench MiniLmTrainStepBench}, or from the repository root: {@code
 * java -cp TEST_CLASSPATH dev.tunebook.finetune.bench.MiniLmTrainStepBench [steps [warmup
 * [threads]]]}; {@code -Dbench.python=none} times DJL alone; otherwise the bench stops with a
 * message when the PyTorch reference cannot run. PyTorch's OpenMP threads read {@code
 * OMP_WAIT_POLICY} from the environment, which both engines here inherit.
 *
 * <p>On a GPU ({@code docker/gpu/run-gpu-checks.sh}): {@code -Dbench.device=gpu
 * -Dbench.model=FOLDER} loads a MiniLM-shaped folder (random weights from {@code
 * docker/gpu/minilm_random.py}, same step time) onto the GPU, waits for the GPU at the end of each
 * step, and runs the PyTorch step on CUDA.
 */
public final class MiniLmTrainStepBench {
    private static final int BATCH = 32;
    private static final int LENGTH = 32;

    private MiniLmTrainStepBench() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
        String python = PythonReference.python();
        // A comparison that silently loses its reference is worse than none: stop unless told
        // with -Dbench.python=none to time DJL alone.
        Path script = python.equals("none") ? null : PythonReference.script("minilm_train_step.py");
        if (script != null) {
            System.out.println("reference " + PythonReference.requireTorch());
        }
        System.out.printf(
                "DJL torch threads %d/%d interop, OMP_WAIT_POLICY=%s%n",
                JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(),
                System.getenv("OMP_WAIT_POLICY"));
        long[] ids = new long[BATCH * LENGTH];
        long[] mask = new long[BATCH * LENGTH];
        long[] labels = new long[BATCH];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + (i * 7919L) % 29000;
            mask[i] = 1;
        }
        for (int r = 0; r < BATCH; r++) {
            labels[r] = r % 2;
        }
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StepTimes djlWall = new StepTimes();
        StepTimes djlCpu = new StepTimes();
        StepTimes torchWall = new StepTimes();
        StepTimes torchCpu = new StepTimes();
        StepTimes[] torchPhases = {
            new StepTimes(), new StepTimes(), new StepTimes(), new StepTimes()
        };
        boolean gpu = System.getProperty("bench.device", "cpu").equals("gpu");
        String folder = System.getProperty("bench.model");
        TorchStepProcess torch =
                script == null
                        ? null
                        : new TorchStepProcess(
                                python, script, threads, BATCH, LENGTH, gpu ? "cuda" : "cpu");
        try (BertModel model =
                        folder == null
                                ? MiniLmWeights.load()
                                : (BertModel)
                                        LanguageModel.load(
                                                Path.of(folder),
                                                gpu ? Device.gpu() : Device.cpu());
                ClassifierStep step = new ClassifierStep(model, 2)) {
            model.setTraining(true);
            System.out.println(
                    "PyTorch: "
                            + (torch == null ? "not run (-Dbench.python=none)" : torch.banner()));
            for (int i = 0; i < warmup + steps; i++) {
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                step.run(ids, mask, labels, BATCH, LENGTH);
                if (gpu) {
                    step.sync();
                }
                if (i >= warmup) {
                    djlWall.addSince(start);
                    djlCpu.add((os.getProcessCpuTime() - cpu) / 1e6);
                }
                if (torch != null) {
                    double[] reply = torch.step();
                    if (i >= warmup) {
                        torchWall.add(reply[0]);
                        torchCpu.add(reply[1]);
                        for (int p = 0; p < torchPhases.length; p++) {
                            torchPhases[p].add(reply[2 + p]);
                        }
                    }
                }
            }
            report(step, djlWall, djlCpu, torchWall, torchCpu);
            reportPhases(torchPhases);
        } finally {
            if (torch != null) {
                torch.close();
            }
        }
    }

    private static void reportPhases(StepTimes[] torchPhases) {
        if (!Double.isNaN(torchPhases[0].median())) {
            String[] names = {"forward+loss", "backward    ", "clip norm   ", "AdamW       "};
            for (int p = 0; p < names.length; p++) {
                System.out.println("  PyTorch " + names[p] + " " + torchPhases[p].summary());
            }
        }
    }

    private static void report(
            ClassifierStep step,
            StepTimes djlWall,
            StepTimes djlCpu,
            StepTimes torchWall,
            StepTimes torchCpu) {
        System.out.printf(
                "all-MiniLM-L6-v2 train step, batch %d x %d, %d trainable tensors%n",
                BATCH, LENGTH, step.tensors());
        System.out.println("DJL     wall " + djlWall.summary());
        System.out.println("DJL     cpu  " + djlCpu.summary());
        System.out.println("  forward+loss " + step.forward.summary());
        System.out.println("  backward     " + step.backward.summary());
        System.out.println("  clip norm    " + step.clip.summary());
        System.out.println("  AdamW        " + step.optimizer.summary());
        if (!Double.isNaN(torchWall.median())) {
            System.out.println("PyTorch wall " + torchWall.summary());
            System.out.println("PyTorch cpu  " + torchCpu.summary());
            System.out.printf(
                    Locale.ROOT,
                    "ratio DJL/PyTorch: wall median %.2fx, best %.2fx; cpu median %.2fx%n",
                    djlWall.median() / torchWall.median(),
                    djlWall.best() / torchWall.best(),
                    djlCpu.median() / torchCpu.median());
        }
    }
}
