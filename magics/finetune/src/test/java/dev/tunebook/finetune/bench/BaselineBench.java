package dev.tunebook.finetune.bench;

import dev.tunebook.finetune.UciSentiment;
import dev.tunebook.finetune.data.Dataset;
import dev.tunebook.finetune.eval.BaselineSettings;
import dev.tunebook.finetune.eval.Baselines;
import dev.tunebook.finetune.eval.InferenceProfile;
import dev.tunebook.finetune.eval.InferenceProfiler;
import dev.tunebook.finetune.eval.MiniLm;
import dev.tunebook.finetune.eval.ModelSize;
import dev.tunebook.finetune.runs.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Baselines of all-MiniLM-L6-v2 on the UCI split "all" (zero-shot label similarity; 8-shot nearest
 * centroid for seeds 0, 1, 2) and its inference profile on the test texts (not a test). Run with
 * {@code java -Dtunebook.datasets=DIR -cp TEST_CLASSPATH dev.tunebook.finetune.bench.BaselineBench
 * [PROFILED_TEXTS]}.
 */
public final class BaselineBench {
    private static final List<String> DESCRIPTIONS =
            List.of("This is a negative review.", "This is a positive review.");

    private BaselineBench() {}

    public static void main(String[] args) throws Exception {
        Dataset uci = UciSentiment.load("splits.json");
        Path home = Files.createTempDirectory("tunebook-bench");
        RunStore store = RunStore.at(home);
        try (MiniLm miniLm = MiniLm.load(home.resolve("minilm"))) {
            long start = System.nanoTime();
            double zeroShot = accuracy(miniLm, uci, store, 0, 0);
            System.out.printf(Locale.ROOT, "zero-shot test accuracy %.4f%n", zeroShot);
            List<Double> few = new ArrayList<>();
            for (long seed = 0; seed < 3; seed++) {
                few.add(accuracy(miniLm, uci, store, 8, seed));
                System.out.printf(
                        Locale.ROOT, "8-shot seed %d accuracy %.4f%n", seed, few.get((int) seed));
            }
            System.out.printf(
                    Locale.ROOT,
                    "8-shot mean %.4f; four baselines in %.1f s%n",
                    few.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                    (System.nanoTime() - start) / 1e9);
            int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
            List<String> texts = new ArrayList<>();
            int[] test = uci.rows("test");
            for (int i = 0; i < Math.min(n, test.length); i++) {
                texts.add(uci.table().stringColumn("text").get(test[i]));
            }
            InferenceProfile profile =
                    new InferenceProfiler(5, 32)
                            .profile(
                                    miniLm.model,
                                    miniLm.tokenizer,
                                    texts,
                                    ModelSize.weights(miniLm.model));
            System.out.println("MiniLM inference: " + profile);
        }
    }

    private static double accuracy(MiniLm m, Dataset uci, RunStore store, int shots, long seed) {
        BaselineSettings settings =
                BaselineSettings.builder()
                        .optShots(shots)
                        .optSeed(seed)
                        .optLabelTexts(DESCRIPTIONS)
                        .build();
        return Baselines.run(m.model, m.tokenizer, uci, settings, store, "all-MiniLM-L6-v2")
                .accuracy("test");
    }
}
