package dev.tunebook.finetune.bench;

import dev.tunebook.finetune.model.BertModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Peak resident memory of a full fine-tune of the real all-MiniLM-L6-v2 (every weight trained,
 * AdamW, clipping, dropout on) at batch 16 × 64 tokens on CPU: {@code VmHWM} and {@code VmRSS} from
 * {@code /proc/self/status} after loading and after the steps, and the Java heap.
 *
 * <p>Run from the repository root: {@code java -Xmx1g -cp TEST_CLASSPATH
 * dev.tunebook.finetune.bench.MiniLmFineTuneMemoryBench [steps]} (default 200). Linux only.
 */
public final class MiniLmFineTuneMemoryBench {
    private static final int BATCH = 16;
    private static final int LENGTH = 64;

    private MiniLmFineTuneMemoryBench() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        report("start");
        Random random = new Random(0);
        long[] ids = new long[BATCH * LENGTH];
        long[] mask = new long[BATCH * LENGTH];
        long[] labels = new long[BATCH];
        try (BertModel model = MiniLmWeights.load();
                ClassifierStep step = new ClassifierStep(model, 2)) {
            model.setTraining(true);
            report("MiniLM loaded");
            float loss = 0;
            for (int s = 0; s < steps; s++) {
                fill(random, ids, mask, labels);
                loss = step.run(ids, mask, labels, BATCH, LENGTH);
                if (s == 0 || (s + 1) % 50 == 0) {
                    report(String.format("after step %d (loss %.4f)", s + 1, loss));
                }
            }
            System.out.println("step wall " + step.forward.summary() + " (forward)");
        }
        report("closed");
    }

    /** Fills a batch of random lengths (8 to 64 tokens, the rest padding) and labels. */
    private static void fill(Random random, long[] ids, long[] mask, long[] labels) {
        for (int r = 0; r < BATCH; r++) {
            int real = 8 + random.nextInt(LENGTH - 7);
            for (int c = 0; c < LENGTH; c++) {
                boolean token = c < real;
                ids[r * LENGTH + c] = token ? 1000 + random.nextInt(29000) : 0;
                mask[r * LENGTH + c] = token ? 1 : 0;
            }
            labels[r] = random.nextInt(2);
        }
    }

    private static void report(String when) throws IOException {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(
                "%-28s VmHWM %6d MiB  VmRSS %6d MiB  heap used %5d MiB committed %5d MiB max"
                        + " %5d MiB%n",
                when,
                procStatus("VmHWM") / 1024,
                procStatus("VmRSS") / 1024,
                heap.getUsed() >> 20,
                heap.getCommitted() >> 20,
                heap.getMax() >> 20);
    }

    /** Returns a {@code /proc/self/status} field in KiB. */
    private static long procStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("/proc/self/status has no " + field);
    }
}
