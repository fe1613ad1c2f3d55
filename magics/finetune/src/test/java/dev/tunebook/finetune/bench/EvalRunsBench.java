package dev.tunebook.finetune.bench;

import dev.tunebook.finetune.eval.ClassificationMetrics;
import dev.tunebook.finetune.eval.RocAuc;
import dev.tunebook.finetune.eval.RougeL;
import dev.tunebook.finetune.runs.RunKind;
import dev.tunebook.finetune.runs.RunPlot;
import dev.tunebook.finetune.runs.RunRecord;
import dev.tunebook.finetune.runs.RunRecordBuilder;
import dev.tunebook.finetune.runs.RunStep;
import dev.tunebook.finetune.runs.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Timings of the run store and metrics (not a test): how long a full atomic rewrite of a long run
 * takes (the cost that the recorder's flush interval bounds), listing a store, and metric
 * throughput. Run with {@code java -cp TEST_CLASSPATH dev.tunebook.finetune.bench.EvalRunsBench}.
 */
public final class EvalRunsBench {
    private EvalRunsBench() {}

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("tunebook-bench");
        RunStore store = RunStore.at(home);
        RunRecord longRun = run("long", 10_000);
        RunRecord stored = store.create(longRun);
        time(
                "save run with 10,000 steps",
                20,
                () -> {
                    store.save(stored);
                    return null;
                });
        for (int i = 0; i < 500; i++) {
            store.create(
                    run("r" + i, 200)
                            .withId(String.format(Locale.ROOT, "20261126-%06d-%04x", i, i)));
        }
        time("list 501 runs (500 x 200 steps + 1 x 10,000)", 5, () -> store.list().runs().size());
        List<RunRecord> some = store.list().runs().subList(0, 10);
        time("RunPlot loss of 10 runs -> PNG", 5, () -> RunPlot.of(some, "loss").png().length);
        Random rnd = new Random(0);
        List<String> refs = new ArrayList<>();
        List<String> preds = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            refs.add(words(rnd, 100));
            preds.add(words(rnd, 100));
        }
        time("ROUGE-L mean over 1,000 pairs of 100 tokens", 5, () -> RougeL.meanF(refs, preds));
        int n = 100_000;
        List<String> gold = new ArrayList<>();
        List<String> pred = new ArrayList<>();
        boolean[] pos = new boolean[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            gold.add("c" + rnd.nextInt(5));
            pred.add("c" + rnd.nextInt(5));
            pos[i] = rnd.nextBoolean();
            scores[i] = Math.round(rnd.nextDouble() * 100) / 100.0;
        }
        time(
                "ClassificationMetrics 100,000 examples",
                5,
                () -> ClassificationMetrics.of(gold, pred).macroF1());
        time("ROC-AUC 100,000 examples (ties)", 5, () -> RocAuc.of(pos, scores));
    }

    private static RunRecord run(String name, int steps) {
        RunRecordBuilder r =
                RunRecord.builder(RunKind.FINETUNE, name).optModel("m").optMethod("lora");
        for (int s = 1; s <= steps; s++) {
            r.addStep(new RunStep(s, s / 100.0, 1.0 / s, 2e-4, null, (long) s * 16, s * 0.1));
        }
        return r.build();
    }

    private static String words(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append('w').append(rnd.nextInt(50)).append(' ');
        }
        return b.toString();
    }

    private static void time(String what, int reps, Supplier<Object> task) {
        task.get();
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            task.get();
        }
        double ms = (System.nanoTime() - start) / 1e6 / reps;
        System.out.printf(Locale.ROOT, "%-50s %10.2f ms%n", what, ms);
    }
}
