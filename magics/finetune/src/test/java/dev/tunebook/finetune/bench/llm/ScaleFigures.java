package dev.tunebook.finetune.bench.llm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tunebook.finetune.generate.GenerationOptions;
import dev.tunebook.finetune.lora.LoraConfig;
import dev.tunebook.finetune.lora.LoraModel;
import dev.tunebook.finetune.model.CausalLanguageModel;
import dev.tunebook.finetune.model.LanguageModel;
import dev.tunebook.finetune.nn.OwnedArrays;
import dev.tunebook.finetune.train.AdamW;
import dev.tunebook.finetune.train.MemoryEstimate;
import dev.tunebook.finetune.train.ModelShape;
import dev.tunebook.finetune.train.NextTokenLoss;
import dev.tunebook.finetune.weights.ModelConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of {@link LlmScaleBench} for one folder: each side measured, then the ratio. */
final class ScaleFigures {
    private static final int BATCH = 2;
    private static final int LENGTH = 128;
    private static final int PROMPT = 128;
    private static final int NEW_TOKENS = 64;

    private final Path folder;
    private final TorchLlm torch;
    private final BenchOptions options;

    ScaleFigures(Path folder, TorchLlm torch, BenchOptions options) {
        this.folder = folder;
        this.torch = torch;
        this.options = options;
    }

    void load() throws Exception {
        List<Path> files = CheckpointFiles.of(folder);
        double gb = CheckpointFiles.bytes(files) / 1e9;
        for (boolean cold : new boolean[] {false, true}) {
            String cache = cold ? "cold" : "warm";
            if (!cold) {
                CheckpointFiles.read(files); // fills the page cache
            }
            CheckpointFiles.dropIf(cold, files);
            double raw = CheckpointFiles.read(files);
            CheckpointFiles.dropIf(cold, files);
            ProcessMemory.resetPeaks();
            long start = System.nanoTime();
            try (LanguageModel model = LanguageModel.load(folder, Device.cpu())) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "load %s: %.2f GB; raw read %.2f s (%.2f GB/s); tunebook %.2f s (%.2f GB/s),"
                                + " peak RSS %.0f MiB, peak heap %.0f MiB; load average %s%n",
                        cache,
                        gb,
                        raw,
                        gb / raw,
                        seconds,
                        gb / seconds,
                        ProcessMemory.peakRssMib(),
                        ProcessMemory.peakHeapMib(),
                        ProcessMemory.load());
                ratio("load_vs_raw_read_" + cache, raw / seconds);
            }
            if (torch != null) {
                CheckpointFiles.dropIf(cold, files);
                Map<String, String> t = torch.run("load", "--model", folder.toString());
                double s = TorchLlm.number(t, "load_s");
                System.out.printf(
                        Locale.ROOT,
                        "load %s: PyTorch %.2f s (%.2f GB/s, %.2fx raw), peak RSS %.0f MiB%n",
                        cache,
                        s,
                        gb / s,
                        raw / s,
                        TorchLlm.number(t, "peak_rss_kb") / 1024);
            }
        }
    }

    void lora() throws Exception {
        ProcessMemory.resetPeaks();
        double[] times = new double[options.steps()];
        double[][] phases = new double[3][options.steps()];
        double peak;
        try (LanguageModel model = LanguageModel.load(folder, Device.cpu());
                AdamW adamw = AdamW.builder().optWeightDecay(0).build()) {
            LoraModel lora =
                    LoraModel.apply(
                            model,
                            LoraConfig.builder()
                                    .setRank(16)
                                    .optAlpha(32)
                                    .setTargetModules(List.of(LoraConfig.ALL_LINEAR))
                                    .build(),
                            1);
            lora.setTraining(true);
            // made before the first step, as training makes it: the runtime is what is resident now
            ModelConfig c = model.config();
            MemoryEstimate estimate =
                    MemoryEstimate.of(
                            new ModelShape(
                                    c.hiddenSize(),
                                    c.numLayers(),
                                    c.numHeads(),
                                    c.vocabSize(),
                                    c.intermediateSize()),
                            lora.parameterCount().total(),
                            lora.parameterCount().trainable(),
                            false,
                            BATCH,
                            LENGTH,
                            Device.cpu());
            long[] ids = ids(BATCH, LENGTH, model.config().vocabSize());
            for (int step = 0; step < options.warmup() + options.steps(); step++) {
                long start = System.nanoTime();
                long forward;
                long backward;
                try (NDManager scope = model.manager().newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray batch = OwnedArrays.of(scope, ids, new Shape(BATCH, LENGTH));
                    NDArray loss = NextTokenLoss.of((CausalLanguageModel) model, batch);
                    loss.toFloatArray();
                    forward = System.nanoTime();
                    collector.backward(loss);
                    backward = System.nanoTime();
                }
                Map<String, NDArray> trainable = new LinkedHashMap<>();
                lora.trainableParameters().forEach((n, p) -> trainable.put(n, p.getArray()));
                adamw.step(trainable, 1e-4);
                if (step >= options.warmup()) {
                    int i = step - options.warmup();
                    times[i] = (System.nanoTime() - start) / 1e6;
                    phases[0][i] = (forward - start) / 1e6;
                    phases[1][i] = (backward - forward) / 1e6;
                    phases[2][i] = times[i] - phases[0][i] - phases[1][i];
                }
            }
            peak = ProcessMemory.peakRssMib();
            System.out.printf(
                    Locale.ROOT,
                    "memory estimate %.0f MiB vs measured peak RSS %.0f MiB (%.2fx): %s%n",
                    estimate.total() / 1048576.0,
                    peak,
                    estimate.total() / 1048576.0 / peak,
                    estimate.describe());
            ratio("memory_estimate_vs_peak_rss", estimate.total() / 1048576.0 / peak);
        }
        double median = median(times);
        System.out.printf(
                Locale.ROOT,
                "lora r=16 step %dx%d: tunebook median %.0f ms %s, peak RSS %.0f MiB; load average %s%n",
                BATCH,
                LENGTH,
                median,
                Arrays.toString(round(times)),
                peak,
                ProcessMemory.load());
        System.out.printf(
                Locale.ROOT,
                "  tunebook forward+loss %.0f ms, backward %.0f ms, AdamW %.0f ms%n",
                median(phases[0]),
                median(phases[1]),
                median(phases[2]));
        if (torch != null) {
            Map<String, String> t =
                    torch.run(
                            "lora",
                            "--model",
                            folder.toString(),
                            "--steps",
                            String.valueOf(options.steps()),
                            "--warmup",
                            String.valueOf(options.warmup()),
                            "--batch",
                            String.valueOf(BATCH),
                            "--length",
                            String.valueOf(LENGTH),
                            "--rank",
                            "16",
                            "--alpha",
                            "32");
            double tm = TorchLlm.number(t, "median_ms");
            double rss = TorchLlm.number(t, "peak_rss_kb") / 1024;
            System.out.printf(
                    Locale.ROOT,
                    "lora r=16 step: PyTorch median %.0f ms [%s], peak RSS %.0f MiB, trainable %s;"
                            + " load average %s%n",
                    tm,
                    t.get("step_ms"),
                    rss,
                    t.get("trainable"),
                    ProcessMemory.load());
            System.out.println("  PyTorch " + t.get("phases_ms"));
            ratio("lora_step_time_vs_torch", median / tm);
            ratio("lora_peak_rss_vs_torch", peak / rss);
        }
    }

    void generate(int batch) throws Exception {
        double[] rates = new double[options.repeats()];
        try (LanguageModel loaded = LanguageModel.load(folder, Device.cpu())) {
            CausalLanguageModel model = (CausalLanguageModel) loaded;
            long[] flat = ids(batch, PROMPT, model.config().vocabSize());
            long[][] prompts = new long[batch][];
            for (int r = 0; r < batch; r++) {
                prompts[r] = Arrays.copyOfRange(flat, r * PROMPT, (r + 1) * PROMPT);
            }
            GenerationOptions greedy =
                    GenerationOptions.builder()
                            .optMaxNewTokens(NEW_TOKENS)
                            .optEosTokenIds()
                            .build();
            for (int i = 0; i < rates.length; i++) {
                long start = System.nanoTime();
                model.generate(prompts, greedy);
                rates[i] = batch * NEW_TOKENS / ((System.nanoTime() - start) / 1e9);
            }
        }
        double rate = median(rates);
        System.out.printf(
                Locale.ROOT,
                "generate batch %d, prompt %d, %d new: tunebook %.1f tokens/s; load average %s%n",
                batch,
                PROMPT,
                NEW_TOKENS,
                rate,
                ProcessMemory.load());
        if (torch != null) {
            Map<String, String> t =
                    torch.run(
                            "generate",
                            "--model",
                            folder.toString(),
                            "--batch",
                            String.valueOf(batch),
                            "--prompt",
                            String.valueOf(PROMPT),
                            "--new",
                            String.valueOf(NEW_TOKENS),
                            "--repeats",
                            String.valueOf(options.repeats()));
            double tr = TorchLlm.number(t, "tokens_per_s");
            System.out.printf(Locale.ROOT, "generate batch %d: PyTorch %.1f tokens/s%n", batch, tr);
            ratio("generate_tokens_per_s_vs_torch_b" + batch, rate / tr);
        }
    }

    /** Token ids {@code llm_reference.py}'s bench_ids computes the same way. */
    static long[] ids(int batch, int length, long vocab) {
        long[] ids = new long[batch * length];
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < length; i++) {
                ids[r * length + i] = (r * 131L + i * 7919L + 13) % (vocab - 1);
            }
        }
        return ids;
    }

    private static void ratio(String name, double value) {
        System.out.printf(Locale.ROOT, "ratio %s=%.3f%n", name, value);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
