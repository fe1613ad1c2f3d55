package dev.tunebook.finetune.bench.llm;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.tunebook.finetune.bench.PythonReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * tunebook against plain PyTorch on a model of a published size, both in one run: {@code ./tunebook
 * bench LlmScaleBench --shape qwen2.5-0.5b|qwen2.5-1.5b|llama-3.2-1b [--steps N] [--warmup W]
 * [--repeats R] [--only load,lora,generate] [--dir DIR]}, or {@code --folder MODEL_FOLDER} for any
 * Llama-family folder.
 *
 * <p>It writes the shape's folder (published config.json, random BF16 weights, fixture tokenizer)
 * under {@code target/llm-shapes} unless there, checks on tiny models that both sides compute the
 * same logits within 1e-4 (no ratio is printed otherwise), then prints one {@code ratio NAME=VALUE}
 * line per figure with the absolute figures beside it: {@code load_vs_raw_read_warm} and {@code
 * _cold} (throughput of loading the checkpoint to float32 against reading its bytes; cold drops the
 * files from the page cache with {@code dd iflag=nocache}), {@code lora_step_time_vs_torch} (LoRA
 * r=16, alpha 32 on every linear projection, AdamW, batch 2 × 128, median after warm-up), {@code
 * lora_peak_rss_vs_torch}, {@code generate_tokens_per_s_vs_torch_b1} and {@code _b8} (greedy, KV
 * cache, 128-token prompt, 64 new tokens). Each PyTorch figure comes from its own process ({@code
 * src/test/python/llm_reference.py}), and so does each phase of tunebook's (a JVM per phase), so
 * that neither side's peak memory carries what an earlier phase left in its allocator; the bench
 * stops with a message when that reference cannot run ({@code -Dbench.python=none} times tunebook
 * alone, without ratios).
 */
public final class LlmScaleBench {
    /** The system property that marks a process measuring one phase for its parent. */
    static final String CHILD = "bench.phase.child";

    private LlmScaleBench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        Engine.getInstance();
        JniUtils.setNumThreads(o.threads());
        Path fixtures = Path.of(System.getProperty("tunebook.fixtures", "../fixtures"));
        System.out.printf(
                "load average %s; %d cores; tunebook on libtorch %s, %d threads%n",
                ProcessMemory.load(),
                Runtime.getRuntime().availableProcessors(),
                Engine.getInstance().getVersion(),
                JniUtils.getNumThreads());
        boolean child = Boolean.getBoolean(CHILD);
        TorchLlm torch = null;
        if (!PythonReference.python().equals("none")) {
            PythonReference.requireTorch();
            torch = new TorchLlm(o.threads());
            if (!child) {
                torch.run("info").forEach((k, v) -> System.out.println("reference " + k + " " + v));
                System.out.println(ParityCheck.run(torch, fixtures, o.dir()));
            }
        }
        Path folder =
                o.folder() != null ? o.folder() : write(PublishedShape.of(o.shape()), o, fixtures);
        var check = dev.tunebook.finetune.weights.LoadMemoryCheck.of(folder, ai.djl.Device.cpu());
        if (!check.fits()) {
            System.out.println("tunebook refuses before loading: " + check.refusal());
            return;
        }
        List<String> only = Arrays.asList(o.only().split(","));
        if (!child && only.size() > 1) {
            for (String phase : only) {
                PhaseProcess.run(args, phase, CHILD);
            }
            return;
        }
        ScaleFigures figures = new ScaleFigures(folder, torch, o);
        if (only.contains("load")) {
            figures.load();
        }
        if (only.contains("lora")) {
            figures.lora();
        }
        if (only.contains("generate")) {
            figures.generate(1);
            figures.generate(8);
        }
        System.out.printf("load average %s%n", ProcessMemory.load());
    }

    private static Path write(PublishedShape shape, BenchOptions o, Path fixtures)
            throws java.io.IOException {
        long start = System.nanoTime();
        Path folder =
                ShapeFolder.write(
                        o.dir().resolve(shape.id()),
                        shape.config(),
                        shape.shardBytes(),
                        fixtures.resolve("tokenizers").resolve(shape.tokenizer()),
                        42);
        System.out.printf(
                Locale.ROOT,
                "%s: %s (%.0f s to write or check)%n",
                shape.id(),
                folder,
                (System.nanoTime() - start) / 1e9);
        return folder;
    }
}
