package dev.tunebook.finetune.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.tunebook.finetune.UciSentiment;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.InferenceProfile;
import dev.tunebook.finetune.eval.InferenceProfiler;
import dev.tunebook.finetune.eval.MiniLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far apart two measurements of the same forward pass price (not a test): all-MiniLM-L6-v2 on
 * 32 UCI test texts, profiled twice with one untimed-free timed pass (as before issue 14) and twice
 * with warm-up and repeats (as now: the median per text for latencies, the fastest batched run for
 * throughput), each with the priced figure: one example's one-thread CPU time over the cores (what
 * {@code %cost} charges; other processes do not inflate it). Run with {@code tunebook bench
 * InferenceRepeatBench [ROUNDS]}.
 */
public final class InferenceRepeatBench {
    private InferenceRepeatBench() {}

    public static void main(String[] args) throws Exception {
        Dataset uci = UciSentiment.load("splits.json");
        List<String> texts = new ArrayList<>();
        int[] test = uci.rows("test");
        for (int i = 0; i < 32; i++) {
            texts.add(uci.table().stringColumn("text").get(test[i]));
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path home = Files.createTempDirectory("tunebook-bench");
        try (MiniLm m = MiniLm.load(home.resolve("minilm"))) {
            for (int round = 0; round < rounds; round++) {
                report("single pass", new InferenceProfiler(0, 32, 1, System::nanoTime), m, texts);
                report("warm-up + fastest of 5", new InferenceProfiler(), m, texts);
                int threads = JniUtils.getNumThreads();
                JniUtils.setNumThreads(1);
                report("the same, one thread", new InferenceProfiler(), m, texts);
                JniUtils.setNumThreads(threads);
            }
        }
    }

    private static void report(String how, InferenceProfiler profiler, MiniLm m, List<String> t) {
        InferenceProfile p = profiler.profile(m.model, m.tokenizer, t, 0L);
        System.out.printf(
                Locale.ROOT,
                "%-22s p50 %.2f ms  p95 %.2f ms  throughput %.1f/s  (1000 requests: %.1f s)"
                        + "  cpu %.2f ms/example on %d cores = priced %.2f ms  load %.2f%n",
                how,
                p.latencyMsP50(),
                p.latencyMsP95(),
                p.throughputPerSecond(),
                1000 / p.throughputPerSecond(),
                p.cpuMsPerExample(),
                p.cores(),
                p.cpuMsPerExample() / p.cores(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }
}
