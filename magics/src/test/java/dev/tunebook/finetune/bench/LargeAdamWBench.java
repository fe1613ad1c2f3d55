package dev.tunebook.finetune.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.model.BertModel;
import dev.tunebook.finetune.train.AdamW;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AdamW step alone on the 101 weights of the real all-MiniLM-L6-v2 (22.7M floats): {@link
 * AdamW} (DJL's fused native update) against {@link InPlaceAdamW}, alternating, with the largest
 * difference between the two parameter sets after the steps.
 *
 * <p>Run from the repository root: {@code java -cp TEST_CLASSPATH
 * dev.tunebook.finetune.bench.LargeAdamWBench [steps [threads]]}.
 */
public final class LargeAdamWBench {
    private LargeAdamWBench() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Engine.getInstance();
        JniUtils.setNumThreads(args.length > 1 ? Integer.parseInt(args[1]) : 2);
        StepTimes fused = new StepTimes();
        StepTimes inPlace = new StepTimes();
        try (BertModel model = MiniLmWeights.load();
                NDManager copies = model.manager().newSubManager();
                AdamW adam = AdamW.builder().build()) {
            Map<String, NDArray> a = model.weights();
            Map<String, NDArray> b = new LinkedHashMap<>();
            a.forEach(
                    (name, array) -> {
                        NDArray copy = array.duplicate();
                        copy.attach(copies);
                        copy.setRequiresGradient(true);
                        b.put(name, copy);
                    });
            InPlaceAdamW other = new InPlaceAdamW();
            for (int i = 0; i < steps + 2; i++) {
                gradients(a, copies, i);
                gradients(b, copies, i);
                long start = System.nanoTime();
                adam.step(a, 1e-3, 0.5);
                if (i >= 2) {
                    fused.addSince(start);
                }
                start = System.nanoTime();
                other.step(b, 1e-3, 0.5);
                if (i >= 2) {
                    inPlace.addSince(start);
                }
            }
            System.out.println("AdamW (DJL fused adamUpdate) " + fused.summary());
            System.out.println("in-place DJL ops             " + inPlace.summary());
            System.out.printf("max |difference| of parameters: %.3g%n", maxDifference(a, b));
        }
    }

    /** Sets each parameter's gradient to {@code sin(p * (step + 1))} by a backward pass. */
    private static void gradients(Map<String, NDArray> params, NDManager manager, int step) {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray total = scope.zeros(new ai.djl.ndarray.types.Shape());
            for (NDArray p : params.values()) {
                total = total.add(p.mul(step + 1).cos().sum().div(step + 1));
            }
            collector.backward(total.neg());
        }
    }

    private static double maxDifference(Map<String, NDArray> a, Map<String, NDArray> b) {
        double max = 0;
        for (Map.Entry<String, NDArray> e : a.entrySet()) {
            try (NDArray diff = e.getValue().sub(b.get(e.getKey()));
                    NDArray abs = diff.abs();
                    NDArray top = abs.max()) {
                max = Math.max(max, top.getFloat());
            }
        }
        return max;
    }
}
